package org.kefu.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A ticket with its whole conversation, as the ticket page and the API show it. */
public record TicketDetail(TicketSummary ticket, Long mergedInto, Long followUpOf, Long createdBy,
		Instant firstRepliedAt, Instant solvedAt, Instant closedAt, Map<String, String> fields,
		List<MessageView> messages) {

	/** One message with its attachments. */
	public record MessageView(long id, Author author, Long authorUser, Long authorCustomer, Visibility visibility,
			String body, Channel channel, Instant createdAt, List<AttachmentView> attachments) {
	}
}
