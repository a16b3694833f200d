package org.kefu.ticket;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** A ticket's properties changed: status, priority, business type, assignment, tags or subject. */
public record TicketChanged(TicketId ticket, long number, Map<String, ?> before, Map<String, ?> after, Actor by)
		implements Audited {

	public boolean changed(String field) {
		return after.containsKey(field);
	}

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("ticket", String.valueOf(ticket.value()), "updated", before, after, by);
	}
}
