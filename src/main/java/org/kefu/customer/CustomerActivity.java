package org.kefu.customer;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened with a customer, for their timeline on the 360 page. Any module
 * publishes these (tickets opened and solved, orders, surveys, callbacks, invoices…); the
 * customer module keeps them, after the publishing transaction commits.
 *
 * @param kind    what happened, such as {@code ticket.opened}; pages show {@code timeline.<kind>}
 * @param summary a short text in the data's own words, such as the ticket's subject
 * @param link    a page address for more, or {@code null}
 * @param source  the module that reported it
 */
public record CustomerActivity(CustomerId customer, Instant at, String kind, String summary, String link,
		String source) {

	public CustomerActivity {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(kind, "kind");
		summary = summary == null ? "" : summary.length() > 500 ? summary.substring(0, 499) + "…" : summary;
	}
}
