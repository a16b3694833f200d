package org.kefu.mail;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.owasp.html.Encoding;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * HTML mail is hostile input: it is sanitised (OWASP Java HTML Sanitizer) before any browser sees
 * it — no scripts, event handlers, forms, frames or style sheets that reach out; links open apart.
 * Inline images ({@code cid:}) point at the stored attachment; remote images stay in the HTML but
 * the page that shows it blocks them (Content-Security-Policy) until the agent allows them.
 */
final class MailHtml {

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.TABLES)
		.and(Sanitizers.STYLES)
		.and(new HtmlPolicyBuilder().allowElements("a")
			.allowAttributes("href", "title").onElements("a")
			.allowStandardUrlProtocols()
			.requireRelsOnLinks("noopener", "noreferrer")
			.allowAttributes("target").matching(Pattern.compile("_blank")).onElements("a")
			.allowElements("img")
			.allowAttributes("alt", "title", "width", "height").onElements("img")
			.allowAttributes("src").onElements("img")
			.allowUrlProtocols("http", "https")
			.allowElements("font", "center", "hr", "pre", "blockquote", "span", "div", "sup", "sub")
			.allowAttributes("color", "size", "face").onElements("font")
			.allowAttributes("align", "valign", "bgcolor", "width", "height", "border", "cellpadding", "cellspacing",
					"colspan", "rowspan")
			.onElements("table", "tr", "td", "th", "div", "p", "img", "tbody", "thead")
			.toFactory());

	private static final Pattern CID = Pattern.compile("(?i)(src\\s*=\\s*[\"']?)cid:([^\"'\\s>]+)");
	private static final Pattern REMOTE_IMAGE = Pattern.compile("(?i)<img[^>]+src=\"https?:");
	private static final Pattern DROP = Pattern.compile("(?is)<(script|style|head|title)[^>]*>.*?</\\1\\s*>");
	private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|tr|li|h[1-6]|blockquote|table)\\s*>");
	private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

	private MailHtml() {
	}

	/** The sanitised HTML, with {@code cid:} images pointing at their stored attachments. */
	static String sanitise(String html, Map<String, Long> inlineAttachments) {
		if (html == null) {
			return null;
		}
		Matcher m = CID.matcher(html);
		StringBuilder rewritten = new StringBuilder();
		while (m.find()) {
			Long id = inlineAttachments.get(m.group(2));
			String target = id == null ? "" : "/attachments/" + id;
			m.appendReplacement(rewritten, Matcher.quoteReplacement(m.group(1) + target));
		}
		m.appendTail(rewritten);
		return POLICY.sanitize(rewritten.toString());
	}

	/** How many images in sanitised HTML load from elsewhere. */
	static int remoteImages(String sanitised) {
		if (sanitised == null) {
			return 0;
		}
		Matcher m = REMOTE_IMAGE.matcher(sanitised);
		int n = 0;
		while (m.find()) {
			n++;
		}
		return n;
	}

	/** Readable text of an HTML mail, for the ticket's conversation and search. */
	static String toText(String html) {
		if (html == null) {
			return "";
		}
		String text = DROP.matcher(html).replaceAll("");
		text = BREAK.matcher(text).replaceAll("\n");
		text = TAG.matcher(text).replaceAll("");
		text = Encoding.decodeHtml(text, false).replace('\u00a0', ' ');
		return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
	}
}
