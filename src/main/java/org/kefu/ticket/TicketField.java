package org.kefu.ticket;

import java.util.List;
import java.util.Locale;

/**
 * A field a business type asks for on its tickets, such as the order number of an order change.
 *
 * @param kind    {@code text}, {@code number}, {@code date} (ISO, 2026-11-24) or {@code choice}
 * @param options the allowed values of a choice
 */
public record TicketField(long id, String businessType, String key, String labelZh, String labelEn, String kind,
		List<String> options, boolean required, int sortOrder, boolean active) {

	public static final List<String> KINDS = List.of("text", "number", "date", "choice");

	public TicketField {
		options = options == null ? List.of() : List.copyOf(options);
	}

	public String label(Locale locale) {
		return Locale.SIMPLIFIED_CHINESE.equals(locale) ? labelZh : labelEn;
	}
}
