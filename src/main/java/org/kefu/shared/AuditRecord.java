package org.kefu.shared;

import java.util.Map;
import java.util.Objects;

/**
 * One entry for the audit log: who did what to which record, with the values before and after.
 *
 * @param entityType what kind of record changed, such as {@code ticket} or {@code user}
 * @param entityId   the record's id
 * @param action     what happened, such as {@code created} or {@code status_changed}
 * @param before     the changed values before, empty for a creation
 * @param after      the changed values after
 * @param actor      who did it and from where
 */
public record AuditRecord(String entityType, String entityId, String action, Map<String, ?> before,
		Map<String, ?> after, Actor actor) {

	public AuditRecord {
		Objects.requireNonNull(entityType, "entityType");
		Objects.requireNonNull(entityId, "entityId");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(actor, "actor");
		before = before == null ? Map.of() : before;
		after = after == null ? Map.of() : after;
	}
}
