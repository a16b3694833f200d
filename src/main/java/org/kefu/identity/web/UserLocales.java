package org.kefu.identity.web;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Users;
import org.kefu.platform.Locales;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language a page is shown in: the signed-in user's own choice first (it follows them from
 * browser to browser), then the choice made in this browser before signing in, then the browser's
 * Accept-Language. Switching language saves the choice for the user.
 */
class UserLocales implements LocaleResolver {

	static final String COOKIE = "kefu-lang";
	private static final String CHOSEN = UserLocales.class.getName() + ".chosen";

	private final Users users;

	UserLocales(Users users) {
		this.users = users;
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		if (request.getAttribute(CHOSEN) instanceof Locale chosen) {
			return chosen;
		}
		if (request.getRequestURI().startsWith("/api/") && request.getHeader("Accept-Language") != null) {
			return Locales.fromRequest(request);
		}
		CurrentUser user = currentUser();
		if (user != null && user.locale() != null) {
			Locale supported = Locales.parse(user.locale().toLanguageTag());
			if (supported != null) {
				return supported;
			}
		}
		if (request.getCookies() != null) {
			for (Cookie cookie : request.getCookies()) {
				if (COOKIE.equals(cookie.getName())) {
					Locale chosen = Locales.parse(cookie.getValue());
					if (chosen != null) {
						return chosen;
					}
				}
			}
		}
		return Locales.fromRequest(request);
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		Locale supported = locale == null ? null : Locales.parse(locale.toLanguageTag());
		if (supported == null) {
			return;
		}
		request.setAttribute(CHOSEN, supported);
		if (response != null) {
			Cookie cookie = new Cookie(COOKIE, Locales.tag(supported));
			cookie.setPath("/");
			cookie.setHttpOnly(true);
			cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
			cookie.setAttribute("SameSite", "Lax");
			response.addCookie(cookie);
		}
		CurrentUser user = currentUser();
		if (user != null) {
			users.speak(user.userId(), supported);
		}
	}

	private static CurrentUser currentUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
	}
}
