package org.kefu.sla;

import java.time.Instant;
import java.util.Set;

/**
 * A service level: the targets in business seconds (null: not measured) for the tickets that meet
 * every non-empty condition. {@code calendar} null means the ticket team's calendar.
 */
public record SlaPolicy(long id, String name, int position, boolean active, Set<String> channels,
		Set<String> businessTypes, Set<String> priorities, Set<Integer> grades, Integer firstResponse,
		Integer nextResponse, Integer resolution, int warnPercent, Long calendar, Instant updatedAt) {

	/** What is known of a ticket when its policy is chosen; {@code grade} is its customer's best account grade. */
	public record Facts(String channel, String businessType, String priority, Integer grade) {
	}

	public boolean matches(Facts facts) {
		return active && (channels.isEmpty() || channels.contains(facts.channel()))
				&& (businessTypes.isEmpty() || businessTypes.contains(facts.businessType()))
				&& (priorities.isEmpty() || priorities.contains(facts.priority()))
				&& (grades.isEmpty() || facts.grade() != null && grades.contains(facts.grade()));
	}

	public Integer target(SlaMetric metric) {
		return switch (metric) {
			case FIRST_RESPONSE -> firstResponse;
			case NEXT_RESPONSE -> nextResponse;
			case RESOLUTION -> resolution;
		};
	}

	/** Whether it holds for every ticket. */
	public boolean catchAll() {
		return channels.isEmpty() && businessTypes.isEmpty() && priorities.isEmpty() && grades.isEmpty();
	}
}
