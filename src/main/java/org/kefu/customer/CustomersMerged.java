package org.kefu.customer;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/**
 * One customer was merged into another (a duplicate), or such a merge was undone.
 *
 * @param undone true when an administrator undid the merge
 */
public record CustomersMerged(long merge, CustomerId source, CustomerId target, int identities, boolean undone,
		Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("customer", String.valueOf(source.value()), undone ? "unmerged" : "merged", Map.of(),
				Map.of("mergedInto", target.value(), "merge", merge, "identities", identities), by);
	}
}
