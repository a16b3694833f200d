package org.kefu.escalation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;
import org.kefu.ticket.TicketId;

/** A ticket climbed a step of an escalation ladder; who was told. */
public record TicketEscalated(TicketId ticket, String ladder, int step, String target, List<Long> notified)
		implements Audited {

	@Override
	public AuditRecord auditRecord() {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("ladder", ladder);
		after.put("step", step + 1);
		after.put("target", target);
		after.put("notified", notified);
		return new AuditRecord("ticket", String.valueOf(ticket.value()), "escalated", Map.of(), after, Actor.system());
	}
}
