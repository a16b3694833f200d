package org.kefu.transfer;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** Someone exported customers: how many, by which filter, masked or not. */
record CustomersExported(int count, String filter, boolean masked, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("customer", "*", "exported", Map.of(),
				Map.of("count", count, "filter", filter, "masked", masked), by);
	}
}
