package org.kefu.onboarding.web;


import org.kefu.account.AccountId;
import org.kefu.account.Viewer;
import org.kefu.identity.CurrentUser;
import org.kefu.onboarding.Onboardings;
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

/** The onboarding list, a checklist's page, and the onboarding card on an account's page. */
@Controller
class OnboardingPages {

	private final Onboardings onboardings;

	OnboardingPages(Onboardings onboardings) {
		this.onboardings = onboardings;
	}

	@GetMapping("/onboarding")
	String list(@RequestParam(defaultValue = "true") boolean open, @AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("onboardings", onboardings.list(open, Viewer.of(me)));
		model.addAttribute("open", open);
		return "onboarding/onboardings";
	}

	@GetMapping("/onboarding/{id}")
	String show(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("o", onboardings.get(id, Viewer.of(me)));
		model.addAttribute("today", onboardings.today());
		model.addAttribute("passMark", onboardings.passMark());
		return "onboarding/onboarding";
	}

	@GetMapping("/accounts/{id}/onboarding")
	String card(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("onboardings", onboardings.of(new AccountId(id), Viewer.of(me)));
		model.addAttribute("accountId", id);
		return "onboarding/onboardings :: card";
	}

	@PostMapping("/accounts/{id}/onboarding")
	@PreAuthorize("hasAuthority('account.edit')")
	String open(@PathVariable long id, @RequestParam String title, @AuthenticationPrincipal CurrentUser me, Actor actor) {
		return "redirect:/onboarding/" + onboardings.open(new AccountId(id), null, title, Viewer.of(me), actor);
	}

	@PostMapping("/onboarding/{id}/launch-notice")
	@PreAuthorize("hasAuthority('account.edit')")
	String notice(@PathVariable long id, @RequestParam String launchOn, @AuthenticationPrincipal CurrentUser me,
			Actor actor, RedirectAttributes redirect) {
		onboardings.sendLaunchNotice(id, FormValues.date("launchOn", launchOn), Viewer.of(me), actor);
		return saved(id, redirect, "onboarding.notice-sent");
	}

	@PostMapping("/onboarding/{id}/requirements")
	@PreAuthorize("hasAuthority('account.edit')")
	String requirements(@PathVariable long id, @RequestParam String text, @AuthenticationPrincipal CurrentUser me,
			Actor actor, RedirectAttributes redirect) {
		onboardings.writeRequirements(id, text, Viewer.of(me), actor);
		return saved(id, redirect, "action.saved");
	}

	@PostMapping("/onboarding/{id}/training")
	@PreAuthorize("hasAuthority('account.edit')")
	String training(@PathVariable long id, @RequestParam String on, @RequestParam String score,
			@RequestParam(required = false) String trainees, @AuthenticationPrincipal CurrentUser me, Actor actor,
			RedirectAttributes redirect) {
		int points;
		try {
			points = Integer.parseInt(score.strip());
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("onboarding.score-invalid", score);
		}
		onboardings.recordTraining(id, FormValues.date("on", on), points, trainees, Viewer.of(me), actor);
		return saved(id, redirect, "action.saved");
	}

	@PostMapping("/onboarding/{id}/notes")
	@PreAuthorize("hasAuthority('account.edit')")
	String note(@PathVariable long id, @RequestParam String on, @RequestParam String text,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		onboardings.addNote(id, FormValues.date("on", on), text, Viewer.of(me), actor);
		return saved(id, redirect, "action.saved");
	}

	@PostMapping("/onboarding/{id}/hand-over")
	@PreAuthorize("hasAuthority('account.edit')")
	String handOver(@PathVariable long id, @RequestParam String to, @RequestParam(required = false) String note,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		onboardings.handOver(id, to, note, Viewer.of(me), actor);
		return saved(id, redirect, "onboarding.handed-over-notice");
	}

	private static String saved(long id, RedirectAttributes redirect, String notice) {
		redirect.addFlashAttribute("notice", notice);
		return "redirect:/onboarding/" + id;
	}

}
