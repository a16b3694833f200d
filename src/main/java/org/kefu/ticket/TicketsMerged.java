package org.kefu.ticket;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** One ticket was merged into another, which carries on with both conversations. */
public record TicketsMerged(TicketId source, long sourceNumber, TicketId target, long targetNumber, Actor by)
		implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("ticket", String.valueOf(source.value()), "merged", Map.of(),
				Map.of("mergedInto", targetNumber, "mergedIntoId", target.value()), by);
	}
}
