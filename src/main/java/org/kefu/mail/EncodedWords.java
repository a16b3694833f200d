package org.kefu.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in headers. Unlike a word-by-word decoder,
 * the bytes of adjacent words in the same charset are joined before decoding: Chinese mailers split
 * a character's bytes across two words, and decoding them apart turns it into garbage.
 */
final class EncodedWords {

	private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");

	private EncodedWords() {
	}

	static String decode(String value) {
		if (value == null || !value.contains("=?")) {
			return value;
		}
		StringBuilder out = new StringBuilder();
		Matcher m = WORD.matcher(value);
		int last = 0;
		String pendingCharset = null;
		ByteArrayOutputStream pending = new ByteArrayOutputStream();
		while (m.find()) {
			String between = value.substring(last, m.start());
			boolean adjacent = pendingCharset != null && between.isBlank();
			if (!adjacent) {
				flush(out, pending, pendingCharset);
				pendingCharset = null;
				out.append(between);
			}
			String charset = m.group(1);
			if (pendingCharset != null && !pendingCharset.equalsIgnoreCase(charset)) {
				flush(out, pending, pendingCharset);
			}
			pendingCharset = charset;
			byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : q(m.group(3));
			pending.writeBytes(bytes);
			last = m.end();
		}
		flush(out, pending, pendingCharset);
		out.append(value.substring(last));
		return out.toString();
	}

	private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
		if (pending.size() > 0) {
			out.append(MailCharsets.decode(pending.toByteArray(), charset));
			pending.reset();
		}
	}

	private static byte[] base64(String text) {
		String clean = text.replaceAll("[^A-Za-z0-9+/]", "");
		while (clean.length() % 4 == 1) {
			clean = clean.substring(0, clean.length() - 1);
		}
		while (clean.length() % 4 != 0) {
			clean += "=";
		}
		try {
			return Base64.getDecoder().decode(clean);
		}
		catch (IllegalArgumentException e) {
			return text.getBytes(StandardCharsets.US_ASCII);
		}
	}

	private static byte[] q(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '_') {
				out.write(' ');
			}
			else if (c == '=' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
				out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				out.write(c & 0xff);
			}
		}
		return out.toByteArray();
	}

	private static boolean isHex(char c) {
		return Character.digit(c, 16) >= 0;
	}
}
