package org.kefu.grading.web;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

import org.kefu.account.AccountId;
import org.kefu.account.Viewer;
import org.kefu.grading.Criterion;
import org.kefu.grading.Grading;
import org.kefu.grading.GradingPolicy;
import org.kefu.grading.Metrics;
import org.kefu.grading.Quarter;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.platform.FormValues;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The grading page (policy, a quarter's grades) and the grade card on an account's page. */
@Controller
class GradingPages {

	private final Grading grading;

	GradingPages(Grading grading) {
		this.grading = grading;
	}

	@GetMapping("/grading")
	String page(@RequestParam(required = false) String period, @AuthenticationPrincipal CurrentUser me, Model model) {
		Quarter quarter = period == null || period.isBlank() ? Quarter.of(grading.today()).previous()
				: Quarter.parse(period);
		model.addAttribute("period", quarter.toString());
		model.addAttribute("previous", quarter.previous().toString());
		model.addAttribute("periods", grading.periods());
		model.addAttribute("grades", grading.of(quarter, Viewer.of(me)));
		model.addAttribute("withFigures", grading.accountsWithFigures(quarter));
		model.addAttribute("policy", grading.policy());
		model.addAttribute("criteria", Criterion.values());
		model.addAttribute("gradePolicies", grading.gradePolicies());
		model.addAttribute("canGrade", me.can(Permission.ACCOUNT_GRADE));
		return "grading/grading";
	}

	@PostMapping("/grading/policy")
	@PreAuthorize("hasAuthority('account.grade')")
	String policy(@RequestParam Map<String, String> form, Actor actor, RedirectAttributes redirect) {
		Map<Criterion, BigDecimal> weights = new EnumMap<>(Criterion.class);
		for (Criterion c : Criterion.values()) {
			weights.put(c, weight(c.code(), form.get("weight-" + c.code())));
		}
		grading.setPolicy(new GradingPolicy(weights, FormValues.decimal(form.get("tier1"), "grading.thresholds-invalid"),
				FormValues.decimal(form.get("tier2"), "grading.thresholds-invalid"),
				FormValues.decimal(form.get("tier3"), "grading.thresholds-invalid")), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/grading";
	}

	@PostMapping("/grading/runs")
	@PreAuthorize("hasAuthority('account.grade')")
	String run(@RequestParam String period, Actor actor, RedirectAttributes redirect) {
		Quarter quarter = Quarter.parse(period);
		int graded = grading.grade(quarter, "on_demand", actor).size();
		redirect.addFlashAttribute("notice", "grading.graded");
		redirect.addFlashAttribute("noticeArgs", new Object[] { graded, quarter.toString() });
		return "redirect:/grading?period=" + quarter;
	}

	@GetMapping("/accounts/{id}/grades")
	String card(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		AccountId account = new AccountId(id);
		Quarter last = Quarter.of(grading.today()).previous();
		model.addAttribute("accountId", id);
		model.addAttribute("grades", grading.history(account, Viewer.of(me)));
		model.addAttribute("period", last.toString());
		model.addAttribute("figures", grading.metrics(account, last, Viewer.of(me)).orElse(null));
		model.addAttribute("gradePolicies", grading.gradePolicies());
		return "grading/account-grade :: card";
	}

	@PostMapping("/accounts/{id}/figures")
	@PreAuthorize("hasAuthority('account.grade')")
	String figures(@PathVariable long id, @RequestParam String period, @RequestParam String revenue,
			@RequestParam String grossMargin, @RequestParam String difficulty, @RequestParam String staff,
			@RequestParam String punctuality, @AuthenticationPrincipal CurrentUser me, Actor actor,
			RedirectAttributes redirect) {
		String refusal = "grading.metrics-invalid";
		grading.record(new AccountId(id), Quarter.parse(period), new Metrics(FormValues.decimal(revenue, refusal),
				FormValues.decimal(grossMargin, refusal), FormValues.decimal(difficulty, refusal).intValue(),
				FormValues.decimal(staff, refusal), FormValues.decimal(punctuality, refusal)),
				Viewer.of(me), actor);
		redirect.addFlashAttribute("notice", "grading.figures-recorded");
		return "redirect:/accounts/" + id;
	}


	private static BigDecimal weight(String criterion, String value) {
		try {
			return FormValues.decimal(value, "grading.weight-invalid");
		}
		catch (InvalidInputException e) {
			throw new InvalidInputException("grading.weight-invalid", criterion, value);
		}
	}
}
