package org.kefu.customer;

import java.util.List;

/** A customer to record: a name, an optional note, and the identities they are known by. */
public record NewCustomer(String name, String note, List<NewIdentity> identities) {

	public NewCustomer {
		identities = identities == null ? List.of() : List.copyOf(identities);
	}
}
