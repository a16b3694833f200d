package org.kefu.growth;

import java.util.Map;

import org.kefu.account.AccountId;
import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/**
 * A business line was proposed, approved or rejected. An approved line is new business that
 * onboarding takes up.
 */
public record BusinessLineDecided(long line, AccountId account, String name, String action, Map<String, ?> after,
		Actor by) implements Audited {

	public boolean approved() {
		return action.equals("approved");
	}

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("business_line", String.valueOf(line), action, Map.of(), after, by);
	}
}
