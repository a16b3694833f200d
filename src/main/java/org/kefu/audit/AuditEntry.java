package org.kefu.audit;

import java.time.Instant;
import java.util.List;

/** One line of the audit log, as the administrators' page shows it. */
public record AuditEntry(long id, Instant at, Long actorId, String actorName, String address, String requestId,
		String entityType, String entityId, String action, List<FieldChange> changes) {

	/**
	 * One field's change; {@code hadBefore} is false for values set at creation.
	 */
	public record FieldChange(String field, boolean hadBefore, String before, String after) {
	}
}
