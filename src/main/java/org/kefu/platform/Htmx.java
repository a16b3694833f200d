package org.kefu.platform;

import jakarta.servlet.http.HttpServletResponse;

/** Telling htmx in the browser that something happened, such as a notice to show. */
public final class Htmx {

	private Htmx() {
	}

	public static boolean isRequest(jakarta.servlet.http.HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

	/** Triggers a browser event carrying a text, for example {@code kefu:saved} with "Saved". */
	public static void trigger(HttpServletResponse response, String event, String text) {
		response.setHeader("HX-Trigger", "{" + json(event) + ":" + json(text) + "}");
	}

	/** A JSON string of ASCII only, so that it survives an HTTP header in any language. */
	static String json(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20 || c > 0x7e) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}
}
