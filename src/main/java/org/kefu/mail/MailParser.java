package org.kefu.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads raw mail with Jakarta Mail's MIME parser, lenient about the malformed mail real senders
 * produce, and decodes text, headers and file names by {@link MailCharsets}.
 */
final class MailParser {

	private static final Session SESSION = MailStreams.lenientSession();

	private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");
	private static final int MAX_DEPTH = 20;

	private MailParser() {
	}

	static ParsedMail parse(byte[] raw) throws MessagingException {
		MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(headersEnded(raw)));
		Collector collected = new Collector();
		walk(message, collected, 0);
		String messageId = MailHeaders.firstId(message.getHeader("Message-ID", null));
		List<String> references = new ArrayList<>();
		references.addAll(MailHeaders.ids(message.getHeader("In-Reply-To", null)));
		List<String> refs = MailHeaders.ids(message.getHeader("References", null));
		for (int i = refs.size() - 1; i >= 0; i--) {
			if (!references.contains(refs.get(i))) {
				references.add(refs.get(i));
			}
		}
		String[] from = MailHeaders.from(message.getHeader("From", null));
		if (from[0] == null) {
			from = MailHeaders.from(message.getHeader("Sender", null));
		}
		if (from[0] == null) {
			from = MailHeaders.from(message.getHeader("Reply-To", null));
		}
		String subject = MailCharsets.header(message.getHeader("Subject", null));
		Date sent = safeDate(message);
		String text = collected.text.isEmpty() ? null : collected.text.toString().strip();
		String html = collected.html.isEmpty() ? null : collected.html.toString();
		if ((text == null || text.isEmpty()) && html != null) {
			text = MailHtml.toText(html);
		}
		boolean autoReply = MailSignals.isAutoReply(message, subject);
		String returnPath = message.getHeader("Return-Path", null);
		boolean bulk = MailSignals.isBulk(message) || (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>"));
		String loop = header(message, "X-Kefu-Loop");
		ParsedMail.Bounce bounce = collected.bounce(from[0]);
		return new ParsedMail(messageId, List.copyOf(references), from[0], from[1], MailHeaders.to(message), subject,
				sent == null ? null : sent.toInstant(), text, html, List.copyOf(collected.parts), autoReply, bulk,
				loop == null ? null : loop.strip().toLowerCase(Locale.ROOT), bounce);
	}

	/**
	 * The message with its header block ending where the headers really end: a line that is neither
	 * a header nor a continuation starts the body (a mailer that forgot the blank line, or a
	 * message without headers at all), instead of being swallowed as a broken header.
	 */
	static byte[] headersEnded(byte[] raw) {
		int i = 0;
		while (i < raw.length) {
			int end = i;
			while (end < raw.length && raw[end] != '\n') {
				end++;
			}
			int lineEnd = end > i && raw[end - 1] == '\r' ? end - 1 : end;
			if (lineEnd == i) {
				return raw; // the blank line: headers end properly
			}
			boolean continuation = raw[i] == ' ' || raw[i] == '\t';
			if (!continuation && !isHeaderLine(raw, i, lineEnd)) {
				byte[] fixed = new byte[raw.length + 2];
				System.arraycopy(raw, 0, fixed, 0, i);
				fixed[i] = '\r';
				fixed[i + 1] = '\n';
				System.arraycopy(raw, i, fixed, i + 2, raw.length - i);
				return fixed;
			}
			i = end + 1;
		}
		return raw;
	}

	private static boolean isHeaderLine(byte[] raw, int from, int to) {
		for (int j = from; j < to; j++) {
			byte b = raw[j];
			if (b == ':') {
				return j > from;
			}
			if (b <= ' ' || b > '~') {
				return false;
			}
		}
		return false;
	}

	private static Date safeDate(MimeMessage message) {
		try {
			return message.getSentDate();
		}
		catch (MessagingException | RuntimeException e) {
			return null;
		}
	}

	private static final class Collector {

		final StringBuilder text = new StringBuilder();
		final StringBuilder html = new StringBuilder();
		final List<ParsedMail.Part> parts = new ArrayList<>();
		String deliveryStatus;
		String returnedHeaders;

		ParsedMail.Bounce bounce(String from) {
			if (deliveryStatus == null) {
				return null;
			}
			String action = field(deliveryStatus, "Action");
			if (action != null && !action.toLowerCase(Locale.ROOT).startsWith("failed")) {
				return null;
			}
			String recipient = field(deliveryStatus, "Final-Recipient");
			if (recipient == null) {
				recipient = field(deliveryStatus, "Original-Recipient");
			}
			if (recipient != null && recipient.contains(";")) {
				recipient = recipient.substring(recipient.indexOf(';') + 1).strip();
			}
			String original = null;
			if (returnedHeaders != null) {
				String id = field(returnedHeaders, "Message-ID");
				original = id == null ? null : MailHeaders.firstId(id);
			}
			return new ParsedMail.Bounce(recipient == null ? null : recipient.toLowerCase(Locale.ROOT),
					field(deliveryStatus, "Status"), field(deliveryStatus, "Diagnostic-Code"), original);
		}
	}

	private static String field(String block, String name) {
		Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \\t]*(.+(?:\\r?\\n[ \\t]+.+)*)").matcher(block);
		return m.find() ? m.group(1).replaceAll("\\r?\\n[ \\t]+", " ").strip() : null;
	}

	private static void walk(Part part, Collector out, int depth) throws MessagingException {
		if (depth > MAX_DEPTH) {
			return;
		}
		String type = contentType(part);
		if (type.startsWith("multipart/")) {
			Object content;
			try {
				content = part.getContent();
			}
			catch (IOException | MessagingException | RuntimeException e) {
				content = null;
			}
			int count = content instanceof Multipart multipart ? safeCount(multipart) : 0;
			if (count == 0) {
				// a multipart nobody can split (a broken boundary): keep its body as text, lose nothing
				append(out.text, MailCharsets.decode(bytes(part), null));
				return;
			}
			Multipart multipart = (Multipart) content;
			if (type.equals("multipart/alternative")) {
				walkAlternative(multipart, count, out, depth);
				return;
			}
			for (int i = 0; i < count; i++) {
				walk(multipart.getBodyPart(i), out, depth + 1);
			}
			return;
		}
		if (depth == 0 && type.equals("message/rfc822")) {
			// a mail that is nothing but another mail: read the inner one
			byte[] inner;
			try (InputStream encoded = rawStream(part)) {
				inner = MimeUtility.decode(encoded, encoding(part)).readAllBytes();
			}
			catch (IOException | MessagingException | RuntimeException e) {
				inner = bytes(part);
			}
			walk(new MimeMessage(SESSION, new ByteArrayInputStream(headersEnded(inner))), out, depth + 1);
			return;
		}
		if (type.equals("message/delivery-status")) {
			out.deliveryStatus = new String(bytes(part), StandardCharsets.ISO_8859_1);
			return;
		}
		if (out.deliveryStatus != null && (type.equals("message/rfc822") || type.equals("text/rfc822-headers"))) {
			out.returnedHeaders = new String(bytes(part), StandardCharsets.ISO_8859_1);
			return;
		}
		String filename = filename(part);
		String disposition = disposition(part);
		boolean attachment = "attachment".equals(disposition) || filename != null;
		if (!attachment && type.equals("text/plain")) {
			append(out.text, decodeText(part));
			return;
		}
		if (!attachment && type.equals("text/html")) {
			out.html.append(decodeText(part));
			return;
		}
		String contentId = MailHeaders.firstId(header(part, "Content-ID"));
		byte[] content = bytes(part);
		if (filename == null) {
			filename = defaultName(type, out.parts.size() + 1);
		}
		boolean inline = contentId != null && !"attachment".equals(disposition);
		out.parts.add(new ParsedMail.Part(filename, type, contentId, inline, content));
	}

	private static void walkAlternative(Multipart multipart, int count, Collector out, int depth)
			throws MessagingException {
		Part plain = null;
		Part rich = null;
		List<Part> others = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			BodyPart candidate = multipart.getBodyPart(i);
			String type = contentType(candidate);
			if (type.equals("text/plain") && plain == null) {
				plain = candidate;
			}
			else if (type.equals("text/html") || type.startsWith("multipart/")) {
				rich = candidate;
			}
			else {
				others.add(candidate);
			}
		}
		if (plain != null) {
			append(out.text, decodeText(plain));
		}
		if (rich != null) {
			Collector inner = new Collector();
			walk(rich, inner, depth + 1);
			out.html.append(inner.html);
			out.parts.addAll(inner.parts);
			if (plain == null) {
				append(out.text, inner.text.toString());
			}
		}
		if (plain == null && rich == null) {
			for (Part other : others) {
				walk(other, out, depth + 1);
			}
		}
	}

	private static int safeCount(Multipart multipart) {
		try {
			return multipart.getCount();
		}
		catch (MessagingException | RuntimeException e) {
			return 0;
		}
	}

	private static void append(StringBuilder text, String more) {
		if (more == null || more.isBlank()) {
			return;
		}
		if (!text.isEmpty()) {
			text.append("\n\n");
		}
		text.append(more.strip());
	}

	static String contentType(Part part) {
		try {
			String raw = part.getContentType();
			if (raw == null) {
				return "text/plain";
			}
			String base = raw.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
			return base.contains("/") ? base : "text/plain";
		}
		catch (MessagingException | RuntimeException e) {
			return "application/octet-stream";
		}
	}

	private static String disposition(Part part) {
		try {
			String value = part.getDisposition();
			return value == null ? null : value.toLowerCase(Locale.ROOT);
		}
		catch (MessagingException | RuntimeException e) {
			return null;
		}
	}

	private static String filename(Part part) {
		try {
			String name = part.getFileName();
			if (name == null) {
				return null;
			}
			if (name.chars().anyMatch(c -> c > 0x7f) && name.chars().allMatch(c -> c <= 0xff)) {
				name = MailCharsets.decode(name.getBytes(StandardCharsets.ISO_8859_1), null);
			}
			name = EncodedWords.decode(name).strip();
			name = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
			return name.isEmpty() ? null : name;
		}
		catch (MessagingException | RuntimeException e) {
			return null;
		}
	}

	private static String defaultName(String type, int n) {
		String extension = switch (type) {
			case "image/png" -> ".png";
			case "image/jpeg", "image/jpg" -> ".jpg";
			case "image/gif" -> ".gif";
			case "message/rfc822" -> ".eml";
			case "text/plain" -> ".txt";
			case "text/html" -> ".html";
			case "application/pdf" -> ".pdf";
			default -> ".bin";
		};
		return "part-" + n + extension;
	}

	private static String decodeText(Part part) {
		String charset = null;
		try {
			Matcher m = CHARSET.matcher(part.getContentType() == null ? "" : part.getContentType());
			if (m.find()) {
				charset = m.group(1);
			}
		}
		catch (MessagingException | RuntimeException e) {
			// no declared charset
		}
		return MailCharsets.decode(bytes(part), charset);
	}

	private static byte[] bytes(Part part) {
		try (InputStream in = part.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException | MessagingException | RuntimeException e) {
			try (InputStream raw = rawStream(part)) {
				return raw == null ? new byte[0] : raw.readAllBytes();
			}
			catch (IOException | MessagingException | RuntimeException again) {
				return new byte[0];
			}
		}
	}

	private static InputStream rawStream(Part part) throws MessagingException {
		if (part instanceof jakarta.mail.internet.MimeBodyPart body) {
			return body.getRawInputStream();
		}
		if (part instanceof MimeMessage message) {
			return message.getRawInputStream();
		}
		return null;
	}

	private static String encoding(Part part) {
		String value = header(part, "Content-Transfer-Encoding");
		return value == null ? "7bit" : value.strip().toLowerCase(Locale.ROOT);
	}

	private static String header(Part part, String name) {
		try {
			String[] values = part.getHeader(name);
			return values == null || values.length == 0 ? null : values[0];
		}
		catch (MessagingException | RuntimeException e) {
			return null;
		}
	}

	static String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, ",");
		}
		catch (MessagingException | RuntimeException e) {
			return null;
		}
	}
}
