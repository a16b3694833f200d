package org.kefu.account;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/**
 * An account's archive changed: the account itself, its managers, or — what operations must know
 * at once — its contacts and addresses.
 *
 * @param action such as {@code created}, {@code updated}, {@code managers_changed},
 *               {@code contact_added}, {@code contact_changed}, {@code contact_removed},
 *               {@code address_added}, {@code address_changed}, {@code address_removed}
 * @param name   the account's name, for notices
 */
public record AccountChanged(AccountId account, String name, String action, Map<String, ?> before,
		Map<String, ?> after, Actor by) implements Audited {

	/** Contacts and addresses are what operations acts on (R-ACC-1). */
	public boolean concernsOperations() {
		return action.startsWith("contact_") || action.startsWith("address_");
	}

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("account", String.valueOf(account.value()), action, before, after, by);
	}
}
