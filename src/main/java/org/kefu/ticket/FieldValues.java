package org.kefu.ticket;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.kefu.shared.InvalidInputException;

/**
 * Checks the values given for a ticket's custom fields against its business type's definitions:
 * only defined fields, required ones present, numbers, dates and choices as they must be. Values
 * are kept as text, normalised.
 */
final class FieldValues {

	static final int MAX_LENGTH = 500;

	private FieldValues() {
	}

	/**
	 * The values after applying {@code given} to {@code current}: a blank or null value removes the
	 * field; {@code requireAll} checks that every required field has a value afterwards.
	 */
	static Map<String, String> apply(List<TicketField> definitions, Map<String, String> current,
			Map<String, String> given, boolean requireAll) {
		Map<String, TicketField> byKey = definitions.stream().filter(TicketField::active)
			.collect(Collectors.toMap(TicketField::key, f -> f, (a, b) -> a, LinkedHashMap::new));
		Map<String, String> result = new LinkedHashMap<>(current);
		for (Map.Entry<String, String> entry : given.entrySet()) {
			TicketField field = byKey.get(entry.getKey());
			if (field == null) {
				throw new InvalidInputException("ticket.field-unknown", entry.getKey(),
						byKey.isEmpty() ? "-" : String.join(", ", byKey.keySet()))
					.with("allowed", List.copyOf(byKey.keySet()));
			}
			String value = entry.getValue() == null ? "" : entry.getValue().strip();
			if (value.isEmpty()) {
				result.remove(field.key());
			}
			else {
				result.put(field.key(), normalise(field, value));
			}
		}
		if (requireAll) {
			for (TicketField field : byKey.values()) {
				if (field.required() && !result.containsKey(field.key())) {
					throw new InvalidInputException("ticket.field-required", field.key()).with("field", field.key());
				}
			}
		}
		return result;
	}

	private static String normalise(TicketField field, String value) {
		if (value.length() > MAX_LENGTH) {
			throw new InvalidInputException("validation.too-long", field.key(), MAX_LENGTH);
		}
		return switch (field.kind()) {
			case "number" -> {
				try {
					yield new BigDecimal(value).stripTrailingZeros().toPlainString();
				}
				catch (NumberFormatException e) {
					throw new InvalidInputException("ticket.field-number", field.key(), value);
				}
			}
			case "date" -> {
				try {
					yield LocalDate.parse(value).toString();
				}
				catch (DateTimeParseException e) {
					throw new InvalidInputException("ticket.field-date", field.key(), value);
				}
			}
			case "choice" -> {
				if (!field.options().contains(value)) {
					throw new InvalidInputException("ticket.field-choice", field.key(), value,
							String.join(", ", field.options()))
						.with("allowed", field.options());
				}
				yield value;
			}
			default -> value;
		};
	}
}
