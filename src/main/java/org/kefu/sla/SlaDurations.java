package org.kefu.sla;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kefu.shared.InvalidInputException;

/**
 * Targets as supervisors write and read them: {@code 30s}, {@code 15m}, {@code 4h}, {@code 2d}
 * (working days of 7.5 hours, the shipped office day), combinations such as {@code 1h30m}, or
 * plain seconds.
 */
@org.springframework.stereotype.Component("slaDurations")
public class SlaDurations {

	/** A working day as the shipped office calendar has it: 09:00–12:00 and 13:30–18:00. */
	public static final int WORKING_DAY = 27_000;

	private static final Pattern PART = Pattern.compile("(\\d+)\\s*([dhms])");

	/** For templates: {@code @slaDurations.text(seconds)}. */
	public String text(Integer seconds) {
		return format(seconds);
	}

	public static Integer parse(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String t = text.strip().toLowerCase();
		if (t.matches("\\d+")) {
			return Integer.valueOf(t);
		}
		Matcher m = PART.matcher(t);
		long total = 0;
		int end = 0;
		while (m.find()) {
			if (!t.substring(end, m.start()).isBlank()) {
				throw new InvalidInputException("sla.duration-invalid", text);
			}
			long n = Long.parseLong(m.group(1));
			total += switch (m.group(2)) {
				case "d" -> n * WORKING_DAY;
				case "h" -> n * 3600;
				case "m" -> n * 60;
				default -> n;
			};
			end = m.end();
		}
		if (end == 0 || !t.substring(end).isBlank() || total > Integer.MAX_VALUE) {
			throw new InvalidInputException("sla.duration-invalid", text);
		}
		return (int) total;
	}

	/** The shortest way to write it back: {@code 2d}, {@code 1h30m}, {@code 30s}. */
	public static String format(Integer seconds) {
		if (seconds == null) {
			return "";
		}
		int s = seconds;
		StringBuilder out = new StringBuilder();
		if (s % WORKING_DAY == 0 && s >= WORKING_DAY) {
			return s / WORKING_DAY + "d";
		}
		if (s >= 3600) {
			out.append(s / 3600).append('h');
			s %= 3600;
		}
		if (s >= 60) {
			out.append(s / 60).append('m');
			s %= 60;
		}
		if (s > 0 || out.isEmpty()) {
			out.append(s).append('s');
		}
		return out.toString();
	}
}
