package org.kefu.grading;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kefu.shared.InvalidInputException;

/** A calendar quarter, written {@code 2026-Q3}: the period accounts are graded on. */
public record Quarter(int year, int number) implements Comparable<Quarter> {

	private static final Pattern FORMAT = Pattern.compile("(\\d{4})-Q([1-4])");

	public static Quarter of(LocalDate day) {
		return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
	}

	public static Quarter parse(String text) {
		Matcher m = text == null ? null : FORMAT.matcher(text.strip().toUpperCase());
		if (m == null || !m.matches()) {
			throw new InvalidInputException("grading.period-invalid", text);
		}
		return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
	}

	public Quarter previous() {
		return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
	}

	public LocalDate firstDay() {
		return LocalDate.of(year, (number - 1) * 3 + 1, 1);
	}

	@Override
	public int compareTo(Quarter other) {
		return Integer.compare(year * 4 + number, other.year * 4 + other.number);
	}

	@Override
	public String toString() {
		return year + "-Q" + number;
	}
}
