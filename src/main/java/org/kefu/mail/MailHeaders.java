package org.kefu.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Message ids and addresses from a mail's headers, read leniently and decoded by {@link MailCharsets}. */
final class MailHeaders {

	private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");

	private MailHeaders() {
	}

	static String firstId(String value) {
		List<String> all = ids(value);
		if (!all.isEmpty()) {
			return all.get(0);
		}
		if (value == null || value.isBlank()) {
			return null;
		}
		String bare = value.strip();
		return bare.length() > 300 ? bare.substring(0, 300) : bare;
	}

	static List<String> ids(String value) {
		if (value == null) {
			return List.of();
		}
		Set<String> found = new LinkedHashSet<>();
		Matcher m = MESSAGE_ID.matcher(value);
		while (m.find()) {
			if (m.group(1).length() <= 300) {
				found.add(m.group(1));
			}
		}
		return List.copyOf(found);
	}

	/** Address and display name of a From-like header. */
	static String[] from(String raw) {
		if (raw == null || raw.isBlank()) {
			return new String[] { null, null };
		}
		String decoded = MailCharsets.header(raw);
		Matcher angle = Pattern.compile("^(.*)<([^<>]+)>\\s*$", Pattern.DOTALL).matcher(decoded);
		String address;
		String name = null;
		if (angle.find()) {
			address = angle.group(2).strip();
			name = angle.group(1).strip().replaceAll("^\"|\"$", "").strip();
		}
		else {
			Matcher bare = Pattern.compile("([^\\s<>\"(),;]+@[^\\s<>\"(),;]+)(?:\\s*\\((.*)\\))?").matcher(decoded);
			if (!bare.find()) {
				return new String[] { null, null };
			}
			address = bare.group(1);
			name = bare.group(2);
		}
		try {
			InternetAddress checked = new InternetAddress(address, false);
			address = checked.getAddress();
		}
		catch (AddressException e) {
			return new String[] { null, null };
		}
		if (!address.contains("@")) {
			return new String[] { null, null };
		}
		return new String[] { address.toLowerCase(Locale.ROOT), name == null || name.isBlank() ? null : name };
	}

	static List<String> to(MimeMessage message) {
		List<String> all = new ArrayList<>();
		for (String name : List.of("To", "Cc")) {
			String raw = MailParser.header(message, name);
			if (raw == null) {
				continue;
			}
			try {
				for (InternetAddress address : InternetAddress.parseHeader(raw, false)) {
					if (address.getAddress() != null && address.getAddress().contains("@")) {
						all.add(address.getAddress().toLowerCase(Locale.ROOT));
					}
				}
			}
			catch (AddressException e) {
				// an unreadable recipient list: keep what is known
			}
		}
		return List.copyOf(all);
	}
}
