package org.kefu.schedule.solver;

import java.util.List;

/** An agent to schedule: the queues they can cover and how long a week may be for them. */
public record Agent(long id, String name, int[] queues, int maxWeeklyMinutes, String preferredKind) {

	@Override
	public boolean equals(Object other) {
		return other instanceof Agent a && a.id == id;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(id);
	}

	@Override
	public String toString() {
		return name;
	}

	public static int[] queues(List<Integer> indexes) {
		return indexes.stream().mapToInt(Integer::intValue).toArray();
	}
}
