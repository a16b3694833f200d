package org.kefu.knowledge.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.knowledge.Articles;
import org.kefu.knowledge.Articles.ArticleInput;
import org.kefu.knowledge.Articles.ArticleView;
import org.kefu.knowledge.Articles.DiffLine;
import org.kefu.knowledge.Articles.VersionView;
import org.kefu.knowledge.Categories;
import org.kefu.knowledge.Categories.Category;
import org.kefu.knowledge.KnowledgeSearch;
import org.kefu.knowledge.KnowledgeSearch.Hit;
import org.kefu.knowledge.Synonyms;
import org.kefu.shared.Actor;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Articles, their versions and review, categories, synonyms and search over the API. */
@RestController
@Tag(name = "Knowledge base", description = "Articles and FAQs, review and publishing, search, synonyms")
class KnowledgeApi {

	private final Articles articles;
	private final Categories categories;
	private final KnowledgeSearch search;
	private final Synonyms synonyms;

	KnowledgeApi(Articles articles, Categories categories, KnowledgeSearch search, Synonyms synonyms) {
		this.articles = articles;
		this.categories = categories;
		this.search = search;
		this.synonyms = synonyms;
	}

	record Review(String note) {
	}

	record SynonymGroups(List<List<String>> groups) {
	}

	record NewCategory(String slug, String nameZh, String nameEn, Integer position) {
	}

	@GetMapping("/api/v1/articles")
	@PreAuthorize("hasAuthority('ticket.view') or hasAuthority('kb.edit')")
	@Operation(summary = "Articles with their live text and latest version's status (filters: category, language, "
			+ "status draft|in_review|published|rejected|review-due|archived, owner)")
	List<ArticleView> list(@RequestParam(required = false) Long category, @RequestParam(required = false) String language,
			@RequestParam(required = false) String status, @RequestParam(required = false) Long owner) {
		return articles.list(category, language, status, owner);
	}

	@PostMapping("/api/v1/articles")
	@PreAuthorize("hasAuthority('kb.edit')")
	@Operation(summary = "Write an article or FAQ: it starts as a draft (version 1); HTML is sanitised")
	ResponseEntity<ArticleView> create(@RequestBody ArticleInput input, Actor actor) {
		long id = articles.create(input, actor);
		return ResponseEntity.created(URI.create("/api/v1/articles/" + id)).body(articles.get(id));
	}

	@GetMapping("/api/v1/articles/{id}")
	@PreAuthorize("hasAuthority('ticket.view') or hasAuthority('kb.edit')")
	@Operation(summary = "An article")
	ArticleView get(@PathVariable long id) {
		return articles.get(id);
	}

	@PutMapping("/api/v1/articles/{id}")
	@PreAuthorize("hasAuthority('kb.edit')")
	@Operation(summary = "Save a new text: edits the latest draft, or starts a new draft after a version was sent on; "
			+ "the live text stays until a reviewer approves")
	ArticleView edit(@PathVariable long id, @RequestBody ArticleInput input, Actor actor) {
		articles.edit(id, input, actor);
		return articles.get(id);
	}

	@PostMapping("/api/v1/articles/{id}/submit")
	@PreAuthorize("hasAuthority('kb.edit')")
	@Operation(summary = "Send the latest draft for review")
	ArticleView submit(@PathVariable long id, Actor actor) {
		articles.submit(id, actor);
		return articles.get(id);
	}

	@PostMapping("/api/v1/articles/{id}/versions/{number}/approve")
	@PreAuthorize("hasAuthority('kb.publish')")
	@Operation(summary = "Approve a version in review: it goes live (not by its own author)")
	ArticleView approve(@PathVariable long id, @PathVariable int number, Actor actor) {
		articles.approve(id, number, actor);
		return articles.get(id);
	}

	@PostMapping("/api/v1/articles/{id}/versions/{number}/reject")
	@PreAuthorize("hasAuthority('kb.publish')")
	@Operation(summary = "Send a version in review back with a reason")
	ArticleView reject(@PathVariable long id, @PathVariable int number, @RequestBody Review review, Actor actor) {
		articles.reject(id, number, review.note(), actor);
		return articles.get(id);
	}

	@PostMapping("/api/v1/articles/{id}/archive")
	@PreAuthorize("hasAuthority('kb.publish')")
	@Operation(summary = "Take an article out of the help center, search and the bot")
	ArticleView archive(@PathVariable long id, Actor actor) {
		articles.archive(id, true, actor);
		return articles.get(id);
	}

	@GetMapping("/api/v1/articles/{id}/versions")
	@PreAuthorize("hasAuthority('kb.edit')")
	@Operation(summary = "An article's versions, newest first")
	List<VersionView> versions(@PathVariable long id) {
		return articles.versions(id);
	}

	@GetMapping("/api/v1/articles/{id}/diff")
	@PreAuthorize("hasAuthority('kb.edit')")
	@Operation(summary = "What changed between two versions, as unified diff lines (kind + - space @)")
	List<DiffLine> diff(@PathVariable long id, @RequestParam int from, @RequestParam int to) {
		return articles.diff(id, from, to);
	}

	@GetMapping("/api/v1/articles/search")
	@PreAuthorize("hasAuthority('ticket.view') or hasAuthority('kb.edit')")
	@Operation(summary = "Search live articles (internal ones included) in Chinese or English, with synonyms and "
			+ "English typos; snippets mark the matching words")
	List<Hit> search(@RequestParam String q, @RequestParam(required = false) String language,
			@RequestParam(defaultValue = "10") int limit) {
		return search.search(q, language == null || language.isBlank() ? null : language, true, limit);
	}

	@GetMapping("/api/v1/kb/categories")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The help center's categories")
	List<Category> categories() {
		return categories.all();
	}

	@PostMapping("/api/v1/kb/categories")
	@PreAuthorize("hasAuthority('kb.publish')")
	@Operation(summary = "Add a category")
	ResponseEntity<Category> addCategory(@RequestBody NewCategory request, Actor actor) {
		long id = categories.create(request.slug(), request.nameZh(), request.nameEn(),
				request.position() == null ? 100 : request.position(), actor);
		return ResponseEntity.status(201).body(categories.find(id).orElseThrow());
	}

	@GetMapping("/api/v1/kb/synonyms")
	@PreAuthorize("hasAuthority('kb.edit')")
	@Operation(summary = "Synonym groups used by search")
	SynonymGroups synonyms() {
		return new SynonymGroups(synonyms.groups());
	}

	@PutMapping("/api/v1/kb/synonyms")
	@PreAuthorize("hasAuthority('kb.publish')")
	@Operation(summary = "Replace the synonym groups (each at least two words)")
	SynonymGroups replaceSynonyms(@RequestBody SynonymGroups groups, Actor actor) {
		StringBuilder text = new StringBuilder();
		for (List<String> group : groups.groups() == null ? List.<List<String>>of() : groups.groups()) {
			text.append(String.join(",", group)).append('\n');
		}
		synonyms.replace(text.toString(), actor);
		return new SynonymGroups(synonyms.groups());
	}
}
