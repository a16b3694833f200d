package org.kefu.customer;

import java.time.Instant;
import java.util.List;

/**
 * Everything the 360 page shows of a customer besides their tickets and timeline.
 *
 * @param mergedInto the customer this one was merged into, or {@code null}
 * @param merges     the customers merged into this one, which an administrator can undo
 */
public record CustomerProfile(CustomerView customer, String note, List<Identity> identities, List<Tag> tags,
		CustomerId mergedInto, List<Merge> merges) {

	/** A tag, set by a person or computed by a rule. */
	public record Tag(String name, String source, Instant since) {
	}

	/** A customer merged into this one. */
	public record Merge(long id, CustomerId source, String sourceName, Instant at, int identities) {
	}

	public CustomerProfile maskedUnless(boolean reveal) {
		return reveal ? this : new CustomerProfile(customer.masked(), note,
				identities.stream().map(Identity::masked).toList(), tags, mergedInto, merges);
	}
}
