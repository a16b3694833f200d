package org.kefu.knowledge.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.kefu.knowledge.ArticleFiles;
import org.kefu.knowledge.ArticleFiles.ArticleFile;
import org.kefu.knowledge.Articles;
import org.kefu.knowledge.Articles.LiveArticle;
import org.kefu.knowledge.Categories;
import org.kefu.knowledge.Categories.Category;
import org.kefu.knowledge.KnowledgeSearch;
import org.kefu.platform.Downloads;
import org.kefu.shared.NotFoundException;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public help center, rendered on the server so that it is fast and search engines can read
 * it: categories, articles, search with the matching words marked, "was this helpful", and a box
 * to ask the bot. Signed-in staff can also open internal articles here (the agent assist links to
 * them).
 */
@Controller
class HelpCenterPages {

	private final Articles articles;
	private final Categories categories;
	private final KnowledgeSearch search;
	private final ArticleFiles files;

	HelpCenterPages(Articles articles, Categories categories, KnowledgeSearch search, ArticleFiles files) {
		this.articles = articles;
		this.categories = categories;
		this.search = search;
		this.files = files;
	}

	@GetMapping("/help")
	String home(Model model, Locale locale) {
		String language = language(locale);
		model.addAttribute("categories", categories.all().stream()
			.map(c -> new CategoryCount(c, articles.publicInCategory(c.id(), language).size()))
			.filter(c -> c.count() > 0).toList());
		model.addAttribute("popular", articles.popular(language, 8));
		return "help/home";
	}

	record CategoryCount(Category category, int count) {
	}

	@GetMapping("/help/categories/{slug}")
	String category(@PathVariable String slug, Model model, Locale locale) {
		Category category = categories.bySlug(slug).orElseThrow(() -> new NotFoundException("kb.category-not-found", slug));
		model.addAttribute("category", category);
		model.addAttribute("articles", articles.publicInCategory(category.id(), language(locale)));
		return "help/category";
	}

	@GetMapping("/help/articles/{id}")
	String article(@PathVariable long id, Model model, Authentication auth) {
		boolean staff = auth != null && auth.isAuthenticated()
				&& auth.getAuthorities().stream().anyMatch(a -> "ticket.view".equals(a.getAuthority())
						|| "kb.edit".equals(a.getAuthority()));
		LiveArticle article = (staff ? articles.liveArticle(id) : articles.publicArticle(id))
			.orElseThrow(() -> new NotFoundException("kb.article-not-found", id));
		model.addAttribute("article", article);
		Category category = article.categoryId() == null ? null : categories.find(article.categoryId()).orElse(null);
		model.addAttribute("category", category);
		model.addAttribute("related", category == null ? List.of()
				: articles.publicInCategory(category.id(), article.language()).stream().filter(a -> a.id() != id)
					.limit(5).toList());
		model.addAttribute("attachments", files.of(id).stream().filter(f -> !f.image()).toList());
		model.addAttribute("description", description(article.bodyText()));
		return "help/article";
	}

	@PostMapping("/help/articles/{id}/vote")
	String vote(@PathVariable long id, @RequestParam boolean helpful, @RequestParam(required = false) String comment,
			HttpSession session, RedirectAttributes redirect) {
		articles.vote(id, "s:" + UUID.nameUUIDFromBytes(session.getId().getBytes()), helpful, comment);
		redirect.addFlashAttribute("voted", helpful ? "yes" : "no");
		return "redirect:/help/articles/" + id + "#vote";
	}

	@GetMapping("/help/search")
	String search(@RequestParam(defaultValue = "") String q, Model model, Locale locale) {
		model.addAttribute("q", q);
		model.addAttribute("hits", q.isBlank() ? List.of() : search.search(q, language(locale), false, 20));
		return "help/search";
	}

	@GetMapping("/help/files/{id}")
	ResponseEntity<Resource> file(@PathVariable UUID id, Authentication auth, HttpServletRequest request) {
		ArticleFile file = files.find(id).orElseThrow(() -> new NotFoundException("kb.file-not-found", id));
		boolean staff = auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getPrincipal());
		if (!staff && !files.isPublic(file)) {
			throw new NotFoundException("kb.file-not-found", id);
		}
		return Downloads.of(files.path(file), file.name(), file.contentType(), file.size());
	}

	static String language(Locale locale) {
		return Locale.SIMPLIFIED_CHINESE.equals(locale) || "zh".equals(locale.getLanguage()) ? "zh-CN" : "en";
	}

	private static String description(String text) {
		if (text == null) {
			return "";
		}
		String flat = text.replace('\n', ' ');
		return flat.length() > 150 ? flat.substring(0, 150) + "…" : flat;
	}
}
