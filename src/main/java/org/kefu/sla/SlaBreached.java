package org.kefu.sla;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;
import org.kefu.ticket.TicketId;

/** A clock passed its deadline unmet: the breach is recorded at the moment of the deadline. */
public record SlaBreached(TicketId ticket, SlaMetric metric, String policy, Instant due) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("metric", metric.code());
		after.put("policy", policy);
		after.put("due", String.valueOf(due));
		return new AuditRecord("ticket", String.valueOf(ticket.value()), "sla_breached", Map.of(), after,
				Actor.system());
	}
}
