package org.kefu.escalation;

import java.util.List;
import java.util.Set;

/** An escalation ladder and its steps, lowest first. */
public record Ladder(long id, String name, String trigger, Set<String> businessTypes, boolean active, boolean atNight,
		List<Step> steps) {

	/** Whom a step reaches, and how long after the start (cumulative business seconds). */
	public record Step(int position, int afterSeconds, String target) {
	}

	public static final List<String> TARGETS = List.of("assignee", "team_lead", "site_supervisor", "operations_manager");

	public static final List<String> TRIGGERS = List.of("complaint", "sla_breached");
}
