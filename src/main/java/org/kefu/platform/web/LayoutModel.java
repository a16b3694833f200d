package org.kefu.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.kefu.platform.Locales;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every page's layout needs: where we are, and the link to the same page in the other language. */
@ControllerAdvice
class LayoutModel {

	@ModelAttribute("requestPath")
	String requestPath(HttpServletRequest request) {
		return request.getRequestURI();
	}

	@ModelAttribute("otherLanguageUrl")
	String otherLanguageUrl(HttpServletRequest request) {
		String other = Locales.CHINESE.equals(LocaleContextHolder.getLocale()) ? "en" : "zh-CN";
		return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
			.replaceQueryParam("lang", other).replaceQueryParam("cursor").build().toUriString();
	}

	@ModelAttribute("languageTag")
	String languageTag() {
		return Locales.tag(LocaleContextHolder.getLocale());
	}
}
