package org.kefu.schedule.solver;

import java.util.List;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.score.HardMediumSoftScore;

/**
 * A schedule to solve: who works which shift on which day. Hard: labour rules and leave; medium:
 * required agents not covered per queue and interval; soft: overstaffing, fairness, preferences.
 */
@PlanningSolution
public class Roster {

	@ai.timefold.solver.core.api.domain.solution.ProblemFactProperty
	private Rules rules;

	@ProblemFactCollectionProperty
	private List<Agent> agents;

	private List<Demand> demands;

	@ai.timefold.solver.core.api.domain.solution.ProblemFactProperty
	private Required required;

	@PlanningEntityCollectionProperty
	private List<AgentDay> days;

	@PlanningScore
	private HardMediumSoftScore score;

	Roster() {
	}

	public Roster(Rules rules, List<Agent> agents, List<Demand> demands, List<AgentDay> days) {
		this.rules = rules;
		this.agents = agents;
		this.demands = demands;
		this.days = days;
		this.required = new Required(demands.stream().mapToLong(Demand::required).sum());
	}

	/**
	 * Every queue and interval's demand in one array, key order, for {@link AgentDay}: those not
	 * listed require nobody.
	 */
	public static Demand[] table(List<Demand> listed, int queues, int intervals) {
		Demand[] table = new Demand[queues * intervals];
		for (Demand d : listed) {
			table[d.key()] = d;
		}
		for (int key = 0; key < table.length; key++) {
			if (table[key] == null) {
				table[key] = new Demand(key, key / intervals, key % intervals, 0);
			}
		}
		return table;
	}

	/** How many queues a demand table holds (its queue numbers start at 0). */
	static int queues(Demand[] table) {
		return table.length == 0 ? 1 : table[table.length - 1].queue() + 1;
	}

	/** All required agent-intervals together: coverage is scored as this less what is covered. */
	public record Required(long total) {
	}

	/** The labour rules of this schedule. */
	public record Rules(int minRestMinutes, int maxDaysInRow) {
	}

	public Rules getRules() {
		return rules;
	}

	public List<Agent> getAgents() {
		return agents;
	}

	public Required getRequired() {
		return required;
	}

	public List<Demand> getDemands() {
		return demands;
	}

	public List<AgentDay> getDays() {
		return days;
	}

	public HardMediumSoftScore getScore() {
		return score;
	}

	public void setScore(HardMediumSoftScore score) {
		this.score = score;
	}
}
