package org.kefu.ticket;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** An administrator added a business type or changed one. */
public record BusinessTypeChanged(String code, String action, Map<String, ?> before, Map<String, ?> after,
		Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("business_type", code, action, before, after, by);
	}
}
