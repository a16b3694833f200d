package org.kefu.grading;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** An administrator changed the grading weights or thresholds. */
public record GradingPolicyChanged(Map<String, ?> before, Map<String, ?> after, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("grading_policy", "1", "updated", before, after, by);
	}
}
