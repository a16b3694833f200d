package org.kefu.ticket;

import java.util.LinkedHashMap;
import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** A reply, an internal note or a customer's message was added to a ticket. */
public record TicketMessageAdded(TicketId ticket, long number, long message, Author author, Visibility visibility,
		int attachments, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		String action = switch (author) {
			case CUSTOMER -> "customer_message_added";
			case SYSTEM -> "system_note_added";
			case AGENT -> visibility == Visibility.PUBLIC ? "reply_added" : "note_added";
		};
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("message", message);
		after.put("visibility", visibility.code());
		if (attachments > 0) {
			after.put("attachments", attachments);
		}
		return new AuditRecord("ticket", String.valueOf(ticket.value()), action, Map.of(), after, by);
	}
}
