package org.kefu.customer;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which customers to list: by name or identity, carrying all of some tags, carrying none of
 * others. A saved filter is a segment. Tags are kept as stored: trimmed, lower-case, no blanks.
 */
public record CustomerFilter(String query, Set<String> tags, Set<String> withoutTags) {

	public CustomerFilter {
		tags = normalise(tags);
		withoutTags = normalise(withoutTags);
	}

	/** A filter from what a form or a query string gave: any of the parts may be missing. */
	public static CustomerFilter of(String query, Collection<String> tags, Collection<String> withoutTags) {
		return new CustomerFilter(query, normalise(tags), normalise(withoutTags));
	}

	public static CustomerFilter matching(String query) {
		return new CustomerFilter(query, Set.of(), Set.of());
	}

	public boolean isEmpty() {
		return (query == null || query.isBlank()) && tags.isEmpty() && withoutTags.isEmpty();
	}

	private static Set<String> normalise(Collection<String> tags) {
		if (tags == null) {
			return Set.of();
		}
		Set<String> clean = new TreeSet<>();
		for (String tag : tags) {
			if (tag != null && !tag.isBlank()) {
				clean.add(tag.strip().toLowerCase());
			}
		}
		return Collections.unmodifiableSet(clean);
	}
}
