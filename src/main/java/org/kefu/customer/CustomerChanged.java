package org.kefu.customer;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/**
 * A customer was created or their details changed.
 *
 * @param action {@code created} or {@code updated}
 */
public record CustomerChanged(CustomerId customer, String action, Map<String, ?> before, Map<String, ?> after,
		Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("customer", String.valueOf(customer.value()), action, before, after, by);
	}
}
