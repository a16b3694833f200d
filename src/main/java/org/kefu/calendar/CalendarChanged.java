package org.kefu.calendar;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** A business calendar was created or changed: its hours, days, teams or zone. */
public record CalendarChanged(long calendar, String action, Map<String, ?> after, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("calendar", String.valueOf(calendar), action, Map.of(), after, by);
	}
}
