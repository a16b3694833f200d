package org.kefu.segment;

import java.time.Instant;
import java.util.Set;

import org.kefu.customer.CustomerFilter;

/** A saved customer filter, with how many customers it holds now. */
public record Segment(long id, String name, String query, Set<String> tags, Set<String> withoutTags,
		Instant createdAt, long customers) {

	public CustomerFilter filter() {
		return new CustomerFilter(query, tags, withoutTags);
	}
}
