package org.kefu.schedule.solver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchType;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/** How Kefu's schedules are solved: the solver's configuration and reading a solution's broken rules. */
public final class RosterSolver {

	private RosterSolver() {
	}

	/**
	 * Stops at the time limit, or earlier once nothing has improved for a fifth of it (at least
	 * 10 s) with every hard rule kept.
	 */
	public static SolverConfig config(Duration limit) {
		long unimproved = Math.max(10, limit.toSeconds() / 5);
		// Tabu search: on the bank benchmark it covers 99 % in 60 s where late acceptance stays under 98 %.
		return new SolverConfig().withSolutionClass(Roster.class)
			.withEntityClasses(AgentDay.class)
			.withConstraintProviderClass(RosterConstraints.class)
			.withPhases(new ConstructionHeuristicPhaseConfig(),
					new LocalSearchPhaseConfig().withLocalSearchType(LocalSearchType.TABU_SEARCH))
			.withTerminationConfig(new TerminationConfig().withSpentLimit(limit)
				.withUnimprovedSpentLimit(Duration.ofSeconds(unimproved)));
	}

	/** Solves in this thread; for the evaluation command and tests. */
	public static Roster solve(Roster roster, Duration limit) {
		return SolverFactory.<Roster>create(config(limit)).buildSolver().solve(roster);
	}

	/** The share of required agent-intervals covered. */
	public static double coverage(Roster roster) {
		long required = roster.getDemands().stream().mapToLong(Demand::required).sum();
		if (required == 0) {
			return 1;
		}
		return 1 + (double) roster.getScore().mediumScore() / required;
	}

	/** Intervals and queues with fewer agents than required, the largest shortfall first. */
	public static List<RosterConstraints.Broken> shortages(Roster roster) {
		java.util.Map<Demand, Integer> covered = new java.util.HashMap<>();
		for (AgentDay day : roster.getDays()) {
			if (day.getShift() != null) {
				day.covers().forEach(d -> covered.merge(d, 1, Integer::sum));
			}
		}
		return roster.getDemands().stream()
			.filter(d -> d.required() > covered.getOrDefault(d, 0))
			.map(d -> new RosterConstraints.Broken(RosterConstraints.COVERAGE, 0, -1, d.interval(), d.queue(),
					d.required() - covered.getOrDefault(d, 0), d.required()))
			.sorted((a, b) -> Long.compare(b.amount(), a.amount()))
			.toList();
	}

	/**
	 * Every broken rule with who, when and how much, at most {@code perRule} lines per rule, worked
	 * out from the shifts themselves: what the score counted, said so a planner can act on it.
	 */
	public static List<RosterConstraints.Broken> broken(Roster roster, int perRule) {
		Roster.Rules rules = roster.getRules();
		// The largest shortfalls only: a thin schedule would otherwise list every half hour.
		List<RosterConstraints.Broken> broken = new ArrayList<>(shortages(roster).stream().limit(Math.min(perRule, 20)).toList());
		Map<Agent, List<AgentDay>> byAgent = new LinkedHashMap<>();
		for (AgentDay day : roster.getDays()) {
			byAgent.computeIfAbsent(day.getAgent(), a -> new ArrayList<>()).add(day);
		}
		List<RosterConstraints.Broken> leave = new ArrayList<>();
		List<RosterConstraints.Broken> rest = new ArrayList<>();
		List<RosterConstraints.Broken> inRow = new ArrayList<>();
		List<RosterConstraints.Broken> weekly = new ArrayList<>();
		List<RosterConstraints.Broken> wishes = new ArrayList<>();
		Map<Agent, Integer> weekends = new LinkedHashMap<>();
		Map<Agent, Integer> lates = new LinkedHashMap<>();
		for (var entry : byAgent.entrySet()) {
			Agent agent = entry.getKey();
			List<AgentDay> days = entry.getValue();
			days.sort(java.util.Comparator.comparingInt(AgentDay::getDay));
			Map<Integer, Integer> weekMinutes = new TreeMap<>();
			int run = 0;
			AgentDay previous = null;
			for (AgentDay day : days) {
				if (day.getShift() == null) {
					run = 0;
					previous = null;
					continue;
				}
				if (day.isLeave()) {
					leave.add(new RosterConstraints.Broken(RosterConstraints.LEAVE, agent.id(), day.getDay(), -1, -1, 1, 0));
				}
				if (day.isPreferOff()) {
					wishes.add(new RosterConstraints.Broken(RosterConstraints.PREFER_OFF, agent.id(), day.getDay(), -1, -1, 1, 0));
				}
				if (previous != null && previous.getDay() == day.getDay() - 1
						&& day.startMinute() - previous.endMinute() < rules.minRestMinutes()) {
					rest.add(new RosterConstraints.Broken(RosterConstraints.REST, agent.id(), day.getDay(), -1, -1,
							day.startMinute() - previous.endMinute(), rules.minRestMinutes()));
				}
				run++;
				if (run == rules.maxDaysInRow() + 1) {
					inRow.add(new RosterConstraints.Broken(RosterConstraints.DAYS_IN_ROW, agent.id(), day.getDay(), -1, -1, run,
							rules.maxDaysInRow()));
				}
				weekMinutes.merge(day.week(), day.getShift().paidMinutes(), Integer::sum);
				if (day.isWeekend()) {
					weekends.merge(agent, 1, Integer::sum);
				}
				if (day.getShift().late()) {
					lates.merge(agent, 1, Integer::sum);
				}
				previous = day;
			}
			weekMinutes.forEach((week, minutes) -> {
				if (minutes > agent.maxWeeklyMinutes()) {
					weekly.add(new RosterConstraints.Broken(RosterConstraints.WEEKLY_HOURS, agent.id(), week * 7, -1, -1,
							minutes, agent.maxWeeklyMinutes()));
				}
			});
		}
		for (List<RosterConstraints.Broken> rule : List.of(leave, rest, inRow, weekly, wishes)) {
			broken.addAll(rule.stream().limit(perRule).toList());
		}
		broken.addAll(unevenly(RosterConstraints.WEEKENDS, weekends, byAgent.size(), perRule));
		broken.addAll(unevenly(RosterConstraints.LATE_SHIFTS, lates, byAgent.size(), perRule));
		return broken;
	}

	/** Agents with more than their share, rounded up, of weekend days or late shifts: the most first. */
	private static List<RosterConstraints.Broken> unevenly(String rule, Map<Agent, Integer> counts, int agents,
			int perRule) {
		int total = counts.values().stream().mapToInt(Integer::intValue).sum();
		int share = agents == 0 ? 0 : (total + agents - 1) / agents;
		return counts.entrySet().stream()
			.filter(e -> e.getValue() > share)
			.sorted((a, b) -> b.getValue() - a.getValue())
			.limit(perRule)
			.map(e -> new RosterConstraints.Broken(rule, e.getKey().id(), -1, -1, -1, e.getValue(), share))
			.toList();
	}
}
