package org.kefu.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.kefu.platform.Locales;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page's layout needs, error pages included: where we are, and the link to the same
 * page in the other language. Templates use it as {@code @layout}.
 */
@Component("layout")
class LayoutModel {

	public String path() {
		HttpServletRequest request = request();
		if (request == null) {
			return "";
		}
		Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
		return original != null ? original.toString() : request.getRequestURI();
	}

	public boolean at(String prefix) {
		return path().startsWith(prefix);
	}

	public String otherLanguageUrl() {
		String other = Locales.CHINESE.equals(LocaleContextHolder.getLocale()) ? "en" : "zh-CN";
		HttpServletRequest request = request();
		if (request == null || request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI) != null
				|| !"GET".equals(request.getMethod())) {
			return "?lang=" + other;
		}
		return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
			.replaceQueryParam("lang", other).replaceQueryParam("cursor").build().toUriString();
	}

	public String languageTag() {
		return Locales.tag(LocaleContextHolder.getLocale());
	}

	private static HttpServletRequest request() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest() : null;
	}
}
