package org.kefu.identity;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** A user was created by an administrator (or at the first start). */
public record UserCreated(UserId user, Map<String, Object> values, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("user", String.valueOf(user.value()), "created", Map.of(), values, by);
	}
}
