package org.kefu.routing;

import java.util.Collection;
import java.util.Map;

/** A routing decision's reasons as JSON: numbers, booleans, codes and lists of codes. */
final class Json {

	private Json() {
	}

	static String of(Map<String, Object> values) {
		StringBuilder out = new StringBuilder("{");
		values.forEach((key, value) -> {
			if (out.length() > 1) {
				out.append(',');
			}
			out.append(quote(key)).append(':').append(value(value));
		});
		return out.append('}').toString();
	}

	private static String value(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		if (value instanceof Collection<?> list) {
			return "[" + String.join(",", list.stream().map(Json::value).toList()) + "]";
		}
		return quote(value.toString());
	}

	private static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}
}
