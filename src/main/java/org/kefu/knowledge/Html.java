package org.kefu.knowledge;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Article HTML as the editor produces it, made safe (OWASP Java HTML Sanitizer: headings,
 * paragraphs, lists, tables, links that open apart, images from Kefu or https, nothing that runs),
 * and read back as plain text for search, the bot and diffs.
 */
final class Html {

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.TABLES)
		.and(new HtmlPolicyBuilder().allowElements("a")
			.allowAttributes("href", "title").onElements("a")
			.allowStandardUrlProtocols()
			.requireRelsOnLinks("noopener", "noreferrer")
			.allowElements("img")
			.allowAttributes("alt", "title", "width", "height").onElements("img")
			.allowAttributes("src").matching(Pattern.compile("(?i)(https://|/help/files/)[^\\s\"'<>]*"))
			.onElements("img")
			.allowElements("hr", "pre", "code", "blockquote", "span", "div", "sup", "sub", "h2", "h3", "h4")
			.toFactory());

	private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|tr|li|h[1-6]|blockquote|table|pre)\\s*>");
	private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
	private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");

	private Html() {
	}

	static String sanitise(String html) {
		return html == null ? "" : POLICY.sanitize(html).strip();
	}

	/** Text of sanitised HTML: one line per block, entities decoded, blank lines dropped. */
	static String text(String html) {
		if (html == null || html.isBlank()) {
			return "";
		}
		String text = TAG.matcher(BREAK.matcher(html).replaceAll("\n")).replaceAll("");
		Matcher m = ENTITY.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String e = m.group(1);
			String decoded = switch (e) {
				case "amp" -> "&";
				case "lt" -> "<";
				case "gt" -> ">";
				case "quot" -> "\"";
				case "apos" -> "'";
				case "nbsp" -> " ";
				default -> {
					int code = e.startsWith("#x") || e.startsWith("#X") ? Integer.parseInt(e.substring(2), 16)
							: Integer.parseInt(e.substring(1));
					yield Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "";
				}
			};
			m.appendReplacement(out, Matcher.quoteReplacement(decoded));
		}
		m.appendTail(out);
		return out.toString().lines().map(String::strip).filter(l -> !l.isEmpty())
			.reduce((a, b) -> a + "\n" + b).orElse("");
	}
}
