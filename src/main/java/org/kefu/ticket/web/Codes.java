package org.kefu.ticket.web;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.kefu.shared.InvalidInputException;
import org.kefu.ticket.Channel;
import org.kefu.ticket.Priority;
import org.kefu.ticket.QueueQuery;
import org.kefu.ticket.TicketStatus;
import org.kefu.ticket.Visibility;

/** Reads the codes people and programs send ({@code on_hold}, {@code urgent}) and says which are valid when one is not. */
final class Codes {

	private Codes() {
	}

	static TicketStatus status(String field, String code) {
		return parse(field, code, TicketStatus.values(), TicketStatus::code);
	}

	static Priority priority(String field, String code) {
		return parse(field, code, Priority.values(), Priority::code);
	}

	static Channel channel(String field, String code) {
		return parse(field, code, Channel.values(), Channel::code);
	}

	static Visibility visibility(String field, String code) {
		return parse(field, code, Visibility.values(), Visibility::code);
	}

	static QueueQuery.Queue queue(String field, String code) {
		return parse(field, code, QueueQuery.Queue.values(), QueueQuery.Queue::code);
	}

	static QueueQuery.Sort sort(String field, String code) {
		return parse(field, code, QueueQuery.Sort.values(), QueueQuery.Sort::code);
	}

	private static <T> T parse(String field, String code, T[] values, Function<T, String> codeOf) {
		if (code == null || code.isBlank()) {
			return null;
		}
		String wanted = code.trim().toLowerCase().replace('-', '_');
		return Arrays.stream(values).filter(v -> codeOf.apply(v).equals(wanted)).findFirst().orElseThrow(() -> {
			List<String> allowed = Arrays.stream(values).map(codeOf).toList();
			return new InvalidInputException("api.invalid-value", field, code, String.join(", ", allowed))
				.with("field", field)
				.with("allowed", allowed);
		});
	}
}
