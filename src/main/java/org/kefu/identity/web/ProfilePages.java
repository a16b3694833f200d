package org.kefu.identity.web;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kefu.identity.ApiTokens;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.identity.Users;
import org.kefu.platform.Locales;
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
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A user's own page: their details, language, password and personal API tokens. */
@Controller
class ProfilePages {

	private final Users users;
	private final ApiTokens tokens;
	private final LocaleResolver locales;

	ProfilePages(Users users, ApiTokens tokens, LocaleResolver locales) {
		this.users = users;
		this.tokens = tokens;
		this.locales = locales;
	}

	@GetMapping("/profile")
	String profile(@AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
		model.addAttribute("profile", users.profile(me.userId(), locale));
		model.addAttribute("tokens", tokens.of(me.userId()));
		model.addAttribute("canUseTokens", me.can(Permission.API_TOKEN));
		model.addAttribute("now", java.time.Instant.now());
		return "identity/profile";
	}

	@PostMapping("/profile/language")
	String language(@RequestParam String lang, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		Locale chosen = Locales.parse(lang);
		if (chosen == null) {
			throw new InvalidInputException("identity.language-unknown", lang);
		}
		locales.setLocale(request, response, chosen);
		redirect.addFlashAttribute("notice", "profile.language-saved");
		return "redirect:/profile";
	}

	@PostMapping("/profile/password")
	String password(@AuthenticationPrincipal CurrentUser me, @RequestParam String current, @RequestParam String next,
			@RequestParam String confirm, Actor actor, RedirectAttributes redirect) {
		if (!next.equals(confirm)) {
			throw new InvalidInputException("identity.password.mismatch");
		}
		users.changeOwnPassword(me.userId(), current, next, actor);
		redirect.addFlashAttribute("notice", "profile.password-changed");
		return "redirect:/profile";
	}

	@PostMapping("/profile/tokens")
	@PreAuthorize("hasAuthority('api.token')")
	String issue(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String name,
			@RequestParam(defaultValue = "90") int validDays, Actor actor, RedirectAttributes redirect) {
		if (validDays < 0 || validDays > 3650) {
			throw new InvalidInputException("identity.token.validity-invalid", 3650);
		}
		ApiTokens.IssuedToken issued = tokens.issue(me.userId(), name,
				validDays == 0 ? null : Duration.ofDays(validDays), actor);
		redirect.addFlashAttribute("issuedToken", issued.token());
		return "redirect:/profile#tokens";
	}

	@PostMapping("/profile/tokens/{id}/revoke")
	String revoke(@AuthenticationPrincipal CurrentUser me, @PathVariable long id, Actor actor,
			RedirectAttributes redirect) {
		tokens.revoke(me.userId(), id, actor);
		redirect.addFlashAttribute("notice", "profile.token-revoked");
		return "redirect:/profile#tokens";
	}
}
