package org.kefu.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** An email address, kept in lower case so that one address matches however it was written. */
public record EmailAddress(String value) {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

	/** The address written, normalised; blank gives {@code null}. */
	public static EmailAddress of(String written) {
		if (written == null || written.isBlank()) {
			return null;
		}
		String address = written.strip();
		if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
			throw new InvalidInputException("validation.email", address);
		}
		return new EmailAddress(address.toLowerCase(Locale.ROOT));
	}

	/** The address as roles without access to contact details see it: {@code w***g@example.com}. */
	public String masked() {
		return mask(value);
	}

	public static String mask(String address) {
		if (address == null) {
			return null;
		}
		int at = address.indexOf('@');
		if (at <= 0) {
			return "***";
		}
		String local = address.substring(0, at);
		String hidden = local.length() <= 2 ? local.charAt(0) + "***" : local.charAt(0) + "***" + local.charAt(local.length() - 1);
		return hidden + address.substring(at);
	}

	@Override
	public String toString() {
		return value;
	}
}
