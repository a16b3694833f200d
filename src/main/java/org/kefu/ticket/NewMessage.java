package org.kefu.ticket;

import java.util.List;

/**
 * A message to add to a ticket.
 *
 * @param via         the channel the message went by; {@code null} for the ticket's own channel
 * @param then        the status to move the ticket to after an agent's message (null: as the rules say)
 * @param attachments ids of files uploaded beforehand
 */
public record NewMessage(String body, Visibility visibility, Author author, Channel via, TicketStatus then,
		List<Long> attachments) {

	public NewMessage {
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
		visibility = visibility == null ? Visibility.PUBLIC : visibility;
		author = author == null ? Author.AGENT : author;
	}

	public static NewMessage reply(String body) {
		return new NewMessage(body, Visibility.PUBLIC, Author.AGENT, null, null, List.of());
	}

	public static NewMessage note(String body) {
		return new NewMessage(body, Visibility.INTERNAL, Author.AGENT, null, null, List.of());
	}

	public static NewMessage fromCustomer(String body, Channel via) {
		return new NewMessage(body, Visibility.PUBLIC, Author.CUSTOMER, via, null, List.of());
	}
}
