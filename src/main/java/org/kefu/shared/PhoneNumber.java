package org.kefu.shared;

import java.util.regex.Pattern;

/**
 * A phone number as Kefu keeps it, so that one number matches however it was written: a Chinese
 * mobile number as its 11 digits ({@code 13800138000}), a Chinese landline with its area code
 * ({@code 01065529988}), a 400/800 service number, or an international number with its {@code +}
 * and country code. Anything else is refused with the value in the message.
 */
public record PhoneNumber(String value) {

	private static final Pattern NOISE = Pattern.compile("[\\s\\-().·/]");
	private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
	private static final Pattern LANDLINE = Pattern.compile("0[1-9]\\d{8,10}");
	private static final Pattern SERVICE = Pattern.compile("[48]00\\d{7}");
	private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9]\\d{6,14}");
	private static final Pattern EXTENSION = Pattern.compile("(?i)(.*?)(?:ext\\.?|x|转|#)\\s*\\d{1,6}$");

	/** The number written, normalised; blank gives {@code null}. */
	public static PhoneNumber of(String written) {
		if (written == null || written.isBlank()) {
			return null;
		}
		String raw = written.strip().replace('＋', '+');
		var extension = EXTENSION.matcher(raw);
		if (extension.matches()) {
			raw = extension.group(1);
		}
		String digits = NOISE.matcher(raw).replaceAll("");
		if (digits.startsWith("00")) {
			digits = "+" + digits.substring(2);
		}
		if (digits.startsWith("+86")) {
			digits = digits.substring(3);
			if (LANDLINE.matcher("0" + digits).matches() && !MOBILE.matcher(digits).matches()
					&& !SERVICE.matcher(digits).matches()) {
				digits = "0" + digits;
			}
		}
		else if (digits.startsWith("86") && digits.length() == 13 && MOBILE.matcher(digits.substring(2)).matches()) {
			digits = digits.substring(2);
		}
		if (MOBILE.matcher(digits).matches() || LANDLINE.matcher(digits).matches() || SERVICE.matcher(digits).matches()
				|| INTERNATIONAL.matcher(digits).matches()) {
			return new PhoneNumber(digits);
		}
		throw new InvalidInputException("customer.phone-invalid", written.strip());
	}

	/** The number as roles without access to contact details see it: {@code 138****5678}. */
	public String masked() {
		return mask(value);
	}

	public static String mask(String number) {
		if (number == null) {
			return null;
		}
		if (number.length() <= 6) {
			return "****";
		}
		int keep = number.length() >= 11 ? 3 : 2;
		return number.substring(0, keep) + "****" + number.substring(number.length() - 4);
	}

	@Override
	public String toString() {
		return value;
	}
}
