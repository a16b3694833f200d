package org.kefu.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Collects the fields an operation changed, with their values before and after, for events and
 * the audit log. Values that did not change are not recorded.
 */
public final class Changes {

	private final Map<String, Object> before = new LinkedHashMap<>();
	private final Map<String, Object> after = new LinkedHashMap<>();

	public Changes record(String field, Object oldValue, Object newValue) {
		if (!Objects.equals(oldValue, newValue)) {
			before.put(field, oldValue);
			after.put(field, newValue);
		}
		return this;
	}

	public boolean isEmpty() {
		return after.isEmpty();
	}

	public boolean touched(String field) {
		return after.containsKey(field);
	}

	public Map<String, Object> before() {
		return Collections.unmodifiableMap(new LinkedHashMap<>(before));
	}

	public Map<String, Object> after() {
		return Collections.unmodifiableMap(new LinkedHashMap<>(after));
	}
}
