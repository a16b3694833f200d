package org.kefu.customer;

import java.util.Set;

/**
 * Which customers to list: by name or identity, carrying all of some tags, carrying none of
 * others. A saved filter is a segment.
 */
public record CustomerFilter(String query, Set<String> tags, Set<String> withoutTags) {

	public CustomerFilter {
		tags = tags == null ? Set.of() : Set.copyOf(tags);
		withoutTags = withoutTags == null ? Set.of() : Set.copyOf(withoutTags);
	}

	public static CustomerFilter matching(String query) {
		return new CustomerFilter(query, Set.of(), Set.of());
	}

	public boolean isEmpty() {
		return (query == null || query.isBlank()) && tags.isEmpty() && withoutTags.isEmpty();
	}
}
