package org.kefu.account;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/**
 * Someone looked at a confidential account archive, or exported accounts: the audit log keeps
 * who, when and from where.
 *
 * @param account the account viewed, or {@code null} for an export of many
 * @param action  {@code viewed} or {@code exported}
 */
public record AccountViewed(AccountId account, String action, int count, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("account", account == null ? "*" : String.valueOf(account.value()), action, Map.of(),
				count > 1 ? Map.of("accounts", count) : Map.of(), by);
	}
}
