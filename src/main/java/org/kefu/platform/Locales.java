package org.kefu.platform;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The two languages Kefu speaks, and how a browser's wish maps onto them: any Chinese is
 * simplified Chinese, anything else English.
 */
public final class Locales {

	public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
	public static final Locale ENGLISH = Locale.ENGLISH;
	public static final List<Locale> SUPPORTED = List.of(CHINESE, ENGLISH);

	private Locales() {
	}

	/** The supported locale nearest to a language tag such as {@code zh-CN}, {@code zh}, {@code en-US}; null for none. */
	public static Locale parse(String tag) {
		if (tag == null || tag.isBlank()) {
			return null;
		}
		String t = tag.trim().replace('_', '-').toLowerCase();
		if (t.startsWith("zh")) {
			return CHINESE;
		}
		if (t.startsWith("en")) {
			return ENGLISH;
		}
		return null;
	}

	/** The language asked for by Accept-Language, or English when the browser asks for neither. */
	public static Locale fromRequest(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") == null) {
			return ENGLISH;
		}
		var preferred = request.getLocales();
		while (preferred.hasMoreElements()) {
			Locale l = preferred.nextElement();
			Locale supported = parse(l.toLanguageTag());
			if (supported != null) {
				return supported;
			}
		}
		return ENGLISH;
	}

	public static String tag(Locale locale) {
		return CHINESE.equals(locale) ? "zh-CN" : "en";
	}
}
