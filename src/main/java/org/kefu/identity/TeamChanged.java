package org.kefu.identity;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** A team was created or changed (name, stage, parent group, members). */
public record TeamChanged(TeamId team, String action, Map<String, ?> before, Map<String, ?> after, Actor by)
		implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("team", String.valueOf(team.value()), action, before, after, by);
	}
}
