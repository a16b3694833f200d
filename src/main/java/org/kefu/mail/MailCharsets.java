package org.kefu.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Text from mail as senders really write it. Chinese mail often says {@code gb2312} while using
 * characters only GBK has, or says nothing and sends GBK bytes: the GB family is read as GB18030
 * (which contains them all), Big5 as Big5-HKSCS, Latin-1 as Windows-1252, and undeclared or
 * unknown text as UTF-8 when it is valid UTF-8 and GB18030 otherwise.
 */
final class MailCharsets {

	private static final Charset GB18030 = Charset.forName("GB18030");

	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("gb2312", "GB18030"),
			Map.entry("gbk", "GB18030"), Map.entry("x-gbk", "GB18030"), Map.entry("cp936", "GB18030"),
			Map.entry("ms936", "GB18030"), Map.entry("windows-936", "GB18030"), Map.entry("euc-cn", "GB18030"),
			Map.entry("x-euc-cn", "GB18030"), Map.entry("csgb2312", "GB18030"), Map.entry("gb_2312-80", "GB18030"),
			Map.entry("chinese", "GB18030"), Map.entry("gb18030", "GB18030"), Map.entry("big5", "Big5-HKSCS"),
			Map.entry("x-big5", "Big5-HKSCS"), Map.entry("cn-big5", "Big5-HKSCS"), Map.entry("csbig5", "Big5-HKSCS"),
			Map.entry("big5-hkscs", "Big5-HKSCS"), Map.entry("iso-8859-1", "windows-1252"),
			Map.entry("latin1", "windows-1252"), Map.entry("us-ascii", "windows-1252"),
			Map.entry("ascii", "windows-1252"), Map.entry("ks_c_5601-1987", "x-windows-949"),
			Map.entry("utf8", "UTF-8"), Map.entry("unicode-1-1-utf-7", "UTF-8"));

	private MailCharsets() {
	}

	/** The charset to read a declared label with, or null when the label is missing or unknown. */
	static Charset forLabel(String label) {
		if (label == null) {
			return null;
		}
		String name = label.strip().replace("\"", "").toLowerCase(Locale.ROOT);
		int language = name.indexOf('*');
		if (language >= 0) {
			name = name.substring(0, language);
		}
		if (name.isEmpty()) {
			return null;
		}
		String mapped = ALIASES.getOrDefault(name, name);
		try {
			return Charset.forName(mapped);
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	/** The text of these bytes, declared in {@code label} (may be null). */
	static String decode(byte[] bytes, String label) {
		Charset declared = forLabel(label);
		boolean ascii = true;
		for (byte b : bytes) {
			if (b < 0) {
				ascii = false;
				break;
			}
		}
		if (ascii) {
			return new String(bytes, StandardCharsets.US_ASCII);
		}
		if (declared != null && !"windows-1252".equals(declared.name())) {
			return new String(bytes, declared);
		}
		// undeclared, unknown or "ascii/latin-1" with 8-bit bytes: UTF-8 when it is valid, else GB18030;
		// Latin-1 stays Latin-1 when it was declared and the bytes are not Chinese
		String utf8 = strictUtf8(bytes);
		if (utf8 != null) {
			return utf8;
		}
		if (declared != null) {
			return new String(bytes, declared);
		}
		return new String(bytes, GB18030);
	}

	private static String strictUtf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException e) {
			return null;
		}
	}

	/**
	 * A header value as read by Jakarta Mail (each byte one char) turned back into text: raw 8-bit
	 * headers are UTF-8 or GB18030, and RFC 2047 encoded words are decoded.
	 */
	static String header(String raw) {
		if (raw == null) {
			return null;
		}
		String unfolded = raw.replaceAll("\r?\n[ \t]+", " ");
		boolean eightBit = unfolded.chars().anyMatch(c -> c > 0x7f);
		if (eightBit && unfolded.chars().allMatch(c -> c <= 0xff)) {
			unfolded = decode(unfolded.getBytes(StandardCharsets.ISO_8859_1), null);
		}
		return EncodedWords.decode(unfolded).strip();
	}
}
