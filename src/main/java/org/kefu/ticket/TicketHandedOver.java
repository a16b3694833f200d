package org.kefu.ticket;

import java.util.LinkedHashMap;
import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** A person moved a ticket away from the agent who owned it, saying why (首问负责制). */
public record TicketHandedOver(TicketId ticket, long number, Long from, Long to, String note, Actor by)
		implements Audited {

	@Override
	public AuditRecord auditRecord() {
		Map<String, Object> before = new LinkedHashMap<>();
		before.put("assignee", from);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("assignee", to);
		after.put("note", note);
		return new AuditRecord("ticket", String.valueOf(ticket.value()), "handed_over", before, after, by);
	}
}
