package org.kefu.identity.web;

import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page, and where a signed-in user lands. */
@Controller
class SignInPages {

	@GetMapping("/login")
	String login(@AuthenticationPrincipal CurrentUser user) {
		return user != null ? "redirect:/" : "identity/login";
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal CurrentUser user) {
		return user != null && user.can(Permission.TICKET_VIEW) ? "redirect:/tickets" : "redirect:/profile";
	}
}
