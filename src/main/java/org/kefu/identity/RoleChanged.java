package org.kefu.identity;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/**
 * A role was created, renamed, or given or denied permissions.
 *
 * @param role the role's code
 */
public record RoleChanged(String role, String action, Map<String, ?> before, Map<String, ?> after, Actor by)
		implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("role", role, action, before, after, by);
	}
}
