package org.kefu.contract;

import java.util.Map;

import org.kefu.account.AccountId;
import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** A contract was registered, terminated, given a document or a price. */
public record ContractChanged(long contract, AccountId account, String action, Map<String, ?> before,
		Map<String, ?> after, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("contract", String.valueOf(contract), action, before, after, by);
	}
}
