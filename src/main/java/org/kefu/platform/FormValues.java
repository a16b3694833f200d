package org.kefu.platform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.kefu.shared.InvalidInputException;

/** Values typed into page forms, read or refused with a message the user can act on. */
public final class FormValues {

	private FormValues() {
	}

	/** A required day written 2026-12-04. */
	public static LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("validation.required", field);
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			throw new InvalidInputException("audit.date-invalid", value);
		}
	}

	/** A number, thousands separators allowed (1,800.50); refused with the given code and the value as argument. */
	public static BigDecimal decimal(String value, String refusal) {
		try {
			return new BigDecimal(value.strip().replace(",", ""));
		}
		catch (RuntimeException e) {
			throw new InvalidInputException(refusal, value);
		}
	}
}
