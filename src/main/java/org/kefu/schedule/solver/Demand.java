package org.kefu.schedule.solver;

/**
 * Agents required in one interval of the horizon for one queue; every queue and interval has one,
 * most with nothing required at night. {@code key} = queue × intervals + interval.
 */
public record Demand(int key, int queue, int interval, int required) {

	@Override
	public boolean equals(Object other) {
		return other instanceof Demand d && d.key == key;
	}

	@Override
	public int hashCode() {
		return key;
	}
}
