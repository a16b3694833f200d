package org.kefu.shared;

import java.util.List;

/**
 * One page of a list read with keyset pagination.
 *
 * @param items      the items on this page
 * @param nextCursor the opaque cursor for the next page, or {@code null} when this is the last page
 */
public record Slice<T>(List<T> items, String nextCursor) {

	public Slice {
		items = List.copyOf(items);
	}

	public boolean hasNext() {
		return nextCursor != null;
	}
}
