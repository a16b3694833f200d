package org.kefu.ticket;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.kefu.shared.InvalidInputException;

/** What a ticket's text may be: subjects on one line, bodies within bounds, tags normalised. */
final class TicketInput {

	static final int MAX_SUBJECT = 300;
	static final int MAX_BODY = 100_000;
	static final int MAX_TAGS = 20;
	static final int MAX_TAG_LENGTH = 40;

	private TicketInput() {
	}

	static String subject(String subject) {
		if (subject == null || subject.isBlank()) {
			throw new InvalidInputException("validation.required", "subject");
		}
		String trimmed = subject.strip().replaceAll("\\s+", " ");
		if (trimmed.length() > MAX_SUBJECT) {
			throw new InvalidInputException("validation.too-long", "subject", MAX_SUBJECT);
		}
		return trimmed;
	}

	static String body(String body, String field) {
		if (body == null || body.isBlank()) {
			throw new InvalidInputException("validation.required", field);
		}
		if (body.length() > MAX_BODY) {
			throw new InvalidInputException("validation.too-long", field, MAX_BODY);
		}
		return body.strip();
	}

	static Set<String> tags(Collection<String> raw) {
		if (raw == null) {
			return Set.of();
		}
		Set<String> tags = new LinkedHashSet<>();
		for (String tag : raw) {
			if (tag == null || tag.isBlank()) {
				continue;
			}
			String t = tag.strip().toLowerCase().replaceAll("\\s+", "-");
			if (t.length() > MAX_TAG_LENGTH) {
				throw new InvalidInputException("ticket.tag-too-long", t, MAX_TAG_LENGTH);
			}
			tags.add(t);
		}
		if (tags.size() > MAX_TAGS) {
			throw new InvalidInputException("ticket.too-many-tags", MAX_TAGS);
		}
		return tags;
	}
}
