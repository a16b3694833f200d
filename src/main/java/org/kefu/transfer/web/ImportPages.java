package org.kefu.transfer.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.transfer.ExportFiles;
import org.kefu.transfer.ImportJob;
import org.kefu.transfer.ImportKind;
import org.kefu.transfer.Imports;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The import pages: upload, preview with per-row problems, confirm, progress, the problems as a file. */
@Controller
class ImportPages {

	private final Imports imports;
	private final MessageSource messages;

	ImportPages(Imports imports, MessageSource messages) {
		this.imports = imports;
		this.messages = messages;
	}

	@GetMapping("/imports")
	String list(@AuthenticationPrincipal CurrentUser me, Actor actor, Model model) {
		model.addAttribute("kinds", allowed(me));
		model.addAttribute("jobs", imports.mine(actor));
		return "transfer/imports";
	}

	@PostMapping("/imports")
	String upload(@RequestParam String kind, @RequestParam("file") MultipartFile file,
			@AuthenticationPrincipal CurrentUser me, Actor actor) throws IOException {
		ImportKind k = kind(kind, me);
		if (file.isEmpty()) {
			throw new InvalidInputException("import.empty");
		}
		return "redirect:/imports/" + imports.read(k, file.getOriginalFilename(), file.getBytes(), actor);
	}

	@GetMapping("/imports/{id}")
	String show(@PathVariable long id, Actor actor, Model model) {
		ImportJob job = imports.get(id, actor);
		model.addAttribute("job", job);
		model.addAttribute("preview", imports.lines(id, false, 20, actor));
		model.addAttribute("problems", imports.lines(id, true, 200, actor));
		return "transfer/import";
	}

	@GetMapping("/imports/{id}/progress")
	String progress(@PathVariable long id, Actor actor, Model model) {
		model.addAttribute("job", imports.get(id, actor));
		return "transfer/import :: progress";
	}

	@PostMapping("/imports/{id}/confirm")
	String confirm(@PathVariable long id, Actor actor, RedirectAttributes redirect) {
		imports.confirm(id, actor);
		redirect.addFlashAttribute("notice", "import.started");
		return "redirect:/imports/" + id;
	}

	@PostMapping("/imports/{id}/cancel")
	String cancel(@PathVariable long id, Actor actor, RedirectAttributes redirect) {
		imports.cancel(id, actor);
		redirect.addFlashAttribute("notice", "import.cancelled");
		return "redirect:/imports/" + id;
	}

	@GetMapping("/imports/{id}/problems.csv")
	void problems(@PathVariable long id, Actor actor, HttpServletResponse response) throws IOException {
		List<List<Object>> rows = new ArrayList<>();
		for (ImportJob.Line line : imports.lines(id, true, 20_000, actor)) {
			rows.add(List.of(line.number(), messages.getMessage(line.error() + ".detail", line.args().toArray(),
					line.error(), LocaleContextHolder.getLocale()), line.data().toString()));
		}
		response.setContentType("text/csv; charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-problems.csv\"");
		ExportFiles.csv(List.of("row", "problem", "data"), rows, response.getOutputStream());
	}

	@GetMapping("/imports/template/{kind}.csv")
	void template(@PathVariable String kind, @AuthenticationPrincipal CurrentUser me, HttpServletResponse response)
			throws IOException {
		ImportKind k = kind(kind, me);
		List<String> heading = new ArrayList<>();
		boolean chinese = LocaleContextHolder.getLocale().getLanguage().equals("zh");
		k.headings().forEach((column, names) -> heading.add(chinese ? names.get(1) : names.get(0)));
		response.setContentType("text/csv; charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + k.code() + "-template.csv\"");
		ExportFiles.csv(heading, List.of(), response.getOutputStream());
	}

	static ImportKind kind(String code, CurrentUser me) {
		ImportKind kind = ImportKind.ofCode(code)
			.orElseThrow(() -> new InvalidInputException("api.invalid-value", "kind", code, "customers, accounts"));
		if (!allowed(me).contains(kind)) {
			throw new AccessDeniedException(kind.code());
		}
		return kind;
	}

	static List<ImportKind> allowed(CurrentUser me) {
		List<ImportKind> kinds = new ArrayList<>();
		if (me.can(Permission.CUSTOMER_EDIT)) {
			kinds.add(ImportKind.CUSTOMERS);
		}
		if (me.can(Permission.ACCOUNT_EDIT)) {
			kinds.add(ImportKind.ACCOUNTS);
		}
		return kinds;
	}
}
