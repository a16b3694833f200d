package org.kefu.growth.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import org.kefu.account.AccountId;
import org.kefu.account.Viewer;
import org.kefu.growth.Growth;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.platform.FormValues;
import org.kefu.shared.Actor;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The growth page (targets, progress, lines to decide) and the growth card on an account's page. */
@Controller
class GrowthPages {

	private final Growth growth;
	private final Users users;

	GrowthPages(Growth growth, Users users) {
		this.growth = growth;
		this.users = users;
	}

	@GetMapping("/growth")
	String page(@RequestParam(required = false) Integer year, @AuthenticationPrincipal CurrentUser me, Model model) {
		int y = year == null ? growth.today().getYear() : year;
		model.addAttribute("year", y);
		model.addAttribute("progress", growth.progress(y, Viewer.of(me)));
		model.addAttribute("proposed", growth.proposed(Viewer.of(me)));
		model.addAttribute("canApprove", me.can(Permission.GROWTH_APPROVE));
		if (me.can(Permission.GROWTH_APPROVE)) {
			model.addAttribute("managers", users.withPermission(Permission.ACCOUNT_VIEW));
		}
		return "growth/growth";
	}

	@PostMapping("/growth/targets")
	@PreAuthorize("hasAuthority('growth.approve')")
	String target(@RequestParam long userId, @RequestParam int year, @RequestParam String target, Actor actor,
			RedirectAttributes redirect) {
		growth.setTarget(new UserId(userId), year, FormValues.decimal(target, "growth.revenue-invalid"), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/growth?year=" + year;
	}

	@GetMapping("/accounts/{id}/growth")
	String card(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		AccountId account = new AccountId(id);
		model.addAttribute("accountId", id);
		model.addAttribute("lines", growth.lines(account, Viewer.of(me)));
		model.addAttribute("months", growth.months(account, Viewer.of(me)));
		model.addAttribute("lastMonth", YearMonth.from(growth.today()).minusMonths(1).toString());
		model.addAttribute("canApprove", me.can(Permission.GROWTH_APPROVE));
		return "growth/account-growth :: card";
	}

	@PostMapping("/accounts/{id}/business-lines")
	@PreAuthorize("hasAuthority('account.edit')")
	String propose(@PathVariable long id, @RequestParam String name, @RequestParam(required = false) String description,
			@RequestParam(required = false) String expected, @RequestParam String startsOn,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		LocalDate start = FormValues.date("startsOn", startsOn);
		growth.propose(new AccountId(id), new Growth.NewLine(name, description,
				expected == null || expected.isBlank() ? null : FormValues.decimal(expected, "growth.revenue-invalid"), start),
				Viewer.of(me), actor);
		redirect.addFlashAttribute("notice", "growth.proposed-notice");
		return "redirect:/accounts/" + id;
	}

	@PostMapping("/business-lines/{id}/decision")
	@PreAuthorize("hasAuthority('growth.approve')")
	String decide(@PathVariable long id, @RequestParam boolean approve, @RequestParam(required = false) String note,
			@RequestParam(defaultValue = "/growth") String back, @AuthenticationPrincipal CurrentUser me, Actor actor,
			RedirectAttributes redirect) {
		growth.decide(id, approve, note, Viewer.of(me), actor);
		redirect.addFlashAttribute("notice", approve ? "growth.approved-notice" : "growth.rejected-notice");
		return "redirect:" + (back.startsWith("/") && !back.startsWith("//") ? back : "/growth");
	}

	@PostMapping("/accounts/{id}/months")
	@PreAuthorize("hasAuthority('account.edit')")
	String month(@PathVariable long id, @RequestParam String month, @RequestParam Map<String, String> form,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		Map<Long, BigDecimal> lines = new LinkedHashMap<>();
		form.forEach((k, v) -> {
			if (k.startsWith("line-") && v != null && !v.isBlank()) {
				lines.put(Long.parseLong(k.substring(5)), FormValues.decimal(v, "growth.revenue-invalid"));
			}
		});
		String existing = form.get("existing");
		growth.recordMonth(new AccountId(id), GrowthApi.month(month),
				existing == null || existing.isBlank() ? null : FormValues.decimal(existing, "growth.revenue-invalid"), lines,
				Viewer.of(me), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/accounts/" + id;
	}

}
