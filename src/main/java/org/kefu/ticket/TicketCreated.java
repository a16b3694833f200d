package org.kefu.ticket;

import java.util.Map;

import org.kefu.customer.CustomerId;
import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** A ticket was opened, by a person or a channel. */
public record TicketCreated(TicketId ticket, long number, String businessType, Channel channel, CustomerId customer,
		Map<String, ?> values, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("ticket", String.valueOf(ticket.value()), "created", Map.of(), values, by);
	}
}
