package org.kefu.identity;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/**
 * A user's profile, roles, teams, skills or state changed.
 *
 * @param action what changed, such as {@code updated}, {@code roles_changed}, {@code disabled}
 */
public record UserChanged(UserId user, String action, Map<String, ?> before, Map<String, ?> after, Actor by)
		implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("user", String.valueOf(user.value()), action, before, after, by);
	}
}
