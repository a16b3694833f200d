package org.kefu.knowledge.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.kefu.knowledge.ArticleFiles;
import org.kefu.knowledge.ArticleFiles.ArticleFile;
import org.kefu.knowledge.Articles;
import org.kefu.knowledge.Articles.ArticleInput;
import org.kefu.knowledge.Articles.ArticleView;
import org.kefu.knowledge.Categories;
import org.kefu.knowledge.KnowledgeSearch;
import org.kefu.knowledge.Synonyms;
import org.kefu.platform.Messages;
import org.kefu.shared.Actor;
import org.kefu.shared.KefuException;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The knowledge editors' pages: the list, writing and editing (a rich-text editor whose HTML is
 * sanitised on saving), versions and their diffs, review and approval, files, synonyms.
 */
@Controller
class KnowledgePages {

	private final Articles articles;
	private final Categories categories;
	private final ArticleFiles files;
	private final KnowledgeSearch search;
	private final Synonyms synonyms;
	private final Messages messages;

	KnowledgePages(Articles articles, Categories categories, ArticleFiles files, KnowledgeSearch search,
			Synonyms synonyms, Messages messages) {
		this.articles = articles;
		this.categories = categories;
		this.files = files;
		this.search = search;
		this.synonyms = synonyms;
		this.messages = messages;
	}

	@GetMapping("/knowledge")
	String list(@RequestParam(required = false) String status, @RequestParam(required = false) Long category,
			@RequestParam(required = false) String language, @RequestParam(required = false) String q, Model model) {
		if (q != null && !q.isBlank()) {
			model.addAttribute("hits", search.search(q, null, true, 30));
		}
		else {
			model.addAttribute("articles", articles.list(category, language, status, null));
		}
		model.addAttribute("status", status == null ? "" : status);
		model.addAttribute("q", q);
		model.addAttribute("category", category);
		model.addAttribute("categories", categories.all());
		model.addAttribute("inReview", articles.inReview().size());
		return "knowledge/list";
	}

	@GetMapping("/knowledge/new")
	String create(@RequestParam(required = false) String phrasing, @RequestParam(required = false) String kind,
			Model model, Locale locale, Actor actor) {
		String title = phrasing == null ? "" : phrasing;
		ArticleInput blank = new ArticleInput(kind == null ? "faq" : kind,
				Locale.SIMPLIFIED_CHINESE.equals(locale) ? "zh-CN" : "en", null, "public", actor.userId(),
				LocalDate.now().plusMonths(6), title, "", List.of());
		return editor(model, null, blank);
	}

	@PostMapping("/knowledge")
	String save(@RequestParam(required = false) Long id, @RequestParam String kind, @RequestParam String language,
			@RequestParam(required = false) Long categoryId, @RequestParam String visibility,
			@RequestParam(required = false) LocalDate reviewBy, @RequestParam String title,
			@RequestParam(defaultValue = "") String bodyHtml, @RequestParam(defaultValue = "") String phrasings,
			@RequestParam(defaultValue = "false") boolean submit, Actor actor, Model model, RedirectAttributes redirect) {
		ArticleInput input = new ArticleInput(kind, language, categoryId, visibility, null, reviewBy, title, bodyHtml,
				Arrays.stream(phrasings.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList());
		long saved;
		try {
			if (id == null) {
				saved = articles.create(input, actor);
			}
			else {
				ArticleView current = articles.get(id);
				input = new ArticleInput(kind, language, categoryId, visibility, current.ownerId(), reviewBy, title,
						bodyHtml, input.phrasings());
				articles.edit(id, input, actor);
				saved = id;
			}
			if (submit) {
				articles.submit(saved, actor);
			}
		}
		catch (KefuException e) {
			model.addAttribute("error", messages.text(e));
			return editor(model, id, input);
		}
		redirect.addFlashAttribute("notice", submit ? "kb.submitted.notice" : "action.saved");
		return "redirect:/knowledge/" + saved;
	}

	@GetMapping("/knowledge/{id}")
	String article(@PathVariable long id, Model model) {
		ArticleView article = articles.get(id);
		model.addAttribute("article", article);
		model.addAttribute("versions", articles.versions(id));
		model.addAttribute("latest", articles.version(id, article.latestVersion()));
		model.addAttribute("files", files.of(id));
		model.addAttribute("complaints", articles.complaints(id, 5));
		model.addAttribute("category", article.categoryId() == null ? null
				: categories.find(article.categoryId()).orElse(null));
		return "knowledge/article";
	}

	@GetMapping("/knowledge/{id}/edit")
	String edit(@PathVariable long id, @RequestParam(required = false) String addPhrasing, Model model) {
		ArticleView article = articles.get(id);
		var latest = articles.version(id, article.latestVersion());
		List<String> phrasings = new java.util.ArrayList<>(latest.phrasings());
		if (addPhrasing != null && !addPhrasing.isBlank() && !phrasings.contains(addPhrasing.strip())) {
			phrasings.add(addPhrasing.strip());
		}
		return editor(model, id, new ArticleInput(article.kind(), article.language(), article.categoryId(),
				article.visibility(), article.ownerId(), article.reviewBy(), latest.title(), latest.bodyHtml(), phrasings));
	}

	private String editor(Model model, Long id, ArticleInput input) {
		model.addAttribute("id", id);
		model.addAttribute("input", new ArticleInput(input.kind(), input.language(), input.categoryId(), input.visibility(),
				input.ownerId(), input.reviewBy(), input.title(), Articles.safeHtml(input.bodyHtml()), input.phrasings()));
		model.addAttribute("phrasingsText", String.join("\n", input.phrasings() == null ? List.of() : input.phrasings()));
		model.addAttribute("categories", categories.all());
		model.addAttribute("files", id == null ? List.of() : files.of(id));
		return "knowledge/edit";
	}

	@PostMapping("/knowledge/{id}/submit")
	String submit(@PathVariable long id, Actor actor, RedirectAttributes redirect) {
		articles.submit(id, actor);
		redirect.addFlashAttribute("notice", "kb.submitted.notice");
		return "redirect:/knowledge/" + id;
	}

	@PostMapping("/knowledge/{id}/versions/{number}/approve")
	@PreAuthorize("hasAuthority('kb.publish')")
	String approve(@PathVariable long id, @PathVariable int number, Actor actor, RedirectAttributes redirect) {
		articles.approve(id, number, actor);
		redirect.addFlashAttribute("notice", "kb.published");
		return "redirect:/knowledge/" + id;
	}

	@PostMapping("/knowledge/{id}/versions/{number}/reject")
	@PreAuthorize("hasAuthority('kb.publish')")
	String reject(@PathVariable long id, @PathVariable int number, @RequestParam(defaultValue = "") String note,
			Actor actor, RedirectAttributes redirect) {
		articles.reject(id, number, note, actor);
		redirect.addFlashAttribute("notice", "kb.rejected");
		return "redirect:/knowledge/" + id;
	}

	@PostMapping("/knowledge/{id}/archive")
	@PreAuthorize("hasAuthority('kb.publish')")
	String archive(@PathVariable long id, @RequestParam(defaultValue = "true") boolean archived, Actor actor,
			RedirectAttributes redirect) {
		articles.archive(id, archived, actor);
		redirect.addFlashAttribute("notice", archived ? "kb.archived" : "kb.restored");
		return "redirect:/knowledge/" + id;
	}

	@GetMapping("/knowledge/{id}/diff")
	String diff(@PathVariable long id, @RequestParam int from, @RequestParam int to, Model model) {
		model.addAttribute("article", articles.get(id));
		model.addAttribute("from", articles.version(id, from));
		model.addAttribute("to", articles.version(id, to));
		model.addAttribute("lines", articles.diff(id, from, to));
		return "knowledge/diff";
	}

	/** Upload from the editor (an image to insert, or an attachment): answers with its address. */
	@PostMapping("/knowledge/{id}/files")
	@ResponseBody
	ResponseEntity<Map<String, Object>> upload(@PathVariable long id, @RequestParam("file") MultipartFile file,
			Actor actor) throws IOException {
		ArticleFile stored = files.attach(id, file.getOriginalFilename(), file.getInputStream(), actor);
		return ResponseEntity.status(201).body(Map.of("id", stored.id(), "url", stored.url(), "name", stored.name(),
				"image", stored.image()));
	}

	@GetMapping("/knowledge/review")
	String review(Model model) {
		model.addAttribute("versions", articles.inReview());
		return "knowledge/review";
	}

	@GetMapping("/knowledge/synonyms")
	String synonyms(Model model) {
		model.addAttribute("text", String.join("\n", synonyms.groups().stream().map(g -> String.join(", ", g)).toList()));
		model.addAttribute("categories", categories.all());
		return "knowledge/synonyms";
	}

	@PostMapping("/knowledge/synonyms")
	@PreAuthorize("hasAuthority('kb.publish')")
	String saveSynonyms(@RequestParam(defaultValue = "") String text, Actor actor, Model model,
			RedirectAttributes redirect) {
		try {
			synonyms.replace(text, actor);
		}
		catch (KefuException e) {
			model.addAttribute("error", messages.text(e));
			model.addAttribute("text", text);
			model.addAttribute("categories", categories.all());
			return "knowledge/synonyms";
		}
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/knowledge/synonyms";
	}

	@PostMapping("/knowledge/categories")
	@PreAuthorize("hasAuthority('kb.publish')")
	String addCategory(@RequestParam String slug, @RequestParam String nameZh, @RequestParam String nameEn,
			@RequestParam(defaultValue = "100") int position, Actor actor, RedirectAttributes redirect) {
		categories.create(slug, nameZh, nameEn, position, actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/knowledge/synonyms";
	}
}
