package org.kefu.grading;

import java.util.Map;

import org.kefu.account.AccountId;
import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** An account was given a grade; other modules (SLA, routing) may take the change. */
public record AccountGraded(AccountId account, String period, Integer previous, int tier, double score, Actor by)
		implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("account", String.valueOf(account.value()), "graded",
				previous == null ? Map.of() : Map.of("tier", previous),
				Map.of("tier", tier, "period", period, "score", score), by);
	}
}
