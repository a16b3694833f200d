package org.kefu.schedule.solver;

import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.count;
import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.sum;
import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.toConsecutiveSequences;


import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;

/**
 * The rules a schedule is scored by: hard, the labour rules and leave; medium, required agents not
 * covered; soft, overstaffing, fairness and wishes. {@link RosterSolver#broken} says the same rules
 * in terms of who, when and how much.
 */
public class RosterConstraints implements ConstraintProvider {

	public static final String LEAVE = "leave";
	public static final String REST = "rest";
	public static final String DAYS_IN_ROW = "days-in-row";
	public static final String WEEKLY_HOURS = "weekly-hours";
	public static final String COVERAGE = "coverage";
	public static final String REQUIRED = "required";
	public static final String OVERSTAFFED = "overstaffed";
	public static final String WEEKENDS = "weekends-spread";
	public static final String LATE_SHIFTS = "late-shifts-spread";
	public static final String PREFER_OFF = "preferred-day-off";
	public static final String PREFERRED_KIND = "preferred-shift";

	/**
	 * Who, which day (index in the horizon, -1 for none), the figure that breaks the rule and what
	 * it is held against (the minimum rest, the maximum, the fair share, the required agents).
	 */
	public record Broken(String rule, long agent, int day, int interval, int queue, long amount, long reference) {
	}

	@Override
	public Constraint[] defineConstraints(ConstraintFactory factory) {
		return new Constraint[] { leave(factory), rest(factory), daysInRow(factory), weeklyHours(factory),
				required(factory), coverage(factory), overstaffed(factory), weekends(factory), lateShifts(factory), preferOff(factory),
				preferredKind(factory) };
	}

	Constraint leave(ConstraintFactory factory) {
		return factory.forEach(AgentDay.class)
			.filter(AgentDay::isLeave)
			.penalize(HardMediumSoftScore.ONE_HARD)
			.asConstraint(LEAVE);
	}

	Constraint rest(ConstraintFactory factory) {
		return factory.forEach(AgentDay.class)
			.join(AgentDay.class, Joiners.equal(AgentDay::getAgent), Joiners.equal(d -> d.getDay() + 1, AgentDay::getDay))
			.join(Roster.Rules.class)
			.filter((a, b, rules) -> b.startMinute() - a.endMinute() < rules.minRestMinutes())
			.penalize(HardMediumSoftScore.ONE_HARD)
			.asConstraint(REST);
	}

	Constraint daysInRow(ConstraintFactory factory) {
		return factory.forEach(AgentDay.class)
			.groupBy(AgentDay::getAgent, toConsecutiveSequences(AgentDay::getDay))
			.flattenLast(chain -> chain.getConsecutiveSequences())
			.join(Roster.Rules.class)
			.filter((agent, run, rules) -> run.getCount() > rules.maxDaysInRow())
			.penalize(HardMediumSoftScore.ONE_HARD, (agent, run, rules) -> run.getCount() - rules.maxDaysInRow())
			.asConstraint(DAYS_IN_ROW);
	}

	Constraint weeklyHours(ConstraintFactory factory) {
		return factory.forEach(AgentDay.class)
			.groupBy(AgentDay::getAgent, AgentDay::week, sum(d -> d.getShift().paidMinutes()))
			.filter((agent, week, minutes) -> minutes > agent.maxWeeklyMinutes())
			.penalize(HardMediumSoftScore.ONE_HARD, (agent, week, minutes) -> (minutes - agent.maxWeeklyMinutes() + 29) / 30)
			.asConstraint(WEEKLY_HOURS);
	}

	private static final java.util.function.Function<AgentDay, Iterable<Demand>> COVERS = AgentDay::covers;

	private static final java.util.function.Function<Demand, Demand> SAME = d -> d;

	/**
	 * Required agents not covered: the total required, less each interval's covered agents up to
	 * what it requires. (Counting only what is covered keeps each move cheap; uncovered intervals
	 * are read off the solution afterwards.)
	 */
	Constraint required(ConstraintFactory factory) {
		return factory.forEach(Roster.Required.class)
			.penalize(HardMediumSoftScore.ONE_MEDIUM, required -> (int) required.total())
			.asConstraint(REQUIRED);
	}

	Constraint coverage(ConstraintFactory factory) {
		return factory.forEach(AgentDay.class)
			.flattenLast(COVERS)
			.groupBy(SAME, count())
			.filter((demand, covered) -> demand.required() > 0)
			.reward(HardMediumSoftScore.ONE_MEDIUM, (demand, covered) -> (int) Math.min(demand.required(), covered))
			.asConstraint(COVERAGE);
	}

	Constraint overstaffed(ConstraintFactory factory) {
		return factory.forEach(AgentDay.class)
			.flattenLast(COVERS)
			.groupBy(SAME, count())
			.filter((demand, covered) -> covered > demand.required())
			.penalize(HardMediumSoftScore.ONE_SOFT, (demand, covered) -> (int) (covered - demand.required()))
			.asConstraint(OVERSTAFFED);
	}

	/** Weekend days spread evenly: the sum of squares of each agent's count is least when even. */
	Constraint weekends(ConstraintFactory factory) {
		return factory.forEach(AgentDay.class)
			.filter(AgentDay::isWeekend)
			.groupBy(AgentDay::getAgent, count())
			.penalize(HardMediumSoftScore.ofSoft(10), (agent, n) -> n * n)
			.asConstraint(WEEKENDS);
	}

	Constraint lateShifts(ConstraintFactory factory) {
		return factory.forEach(AgentDay.class)
			.filter(d -> d.getShift().late())
			.groupBy(AgentDay::getAgent, count())
			.penalize(HardMediumSoftScore.ofSoft(10), (agent, n) -> n * n)
			.asConstraint(LATE_SHIFTS);
	}

	Constraint preferOff(ConstraintFactory factory) {
		return factory.forEach(AgentDay.class)
			.filter(AgentDay::isPreferOff)
			.penalize(HardMediumSoftScore.ofSoft(50))
			.asConstraint(PREFER_OFF);
	}

	Constraint preferredKind(ConstraintFactory factory) {
		return factory.forEach(AgentDay.class)
			.filter(d -> d.getAgent().preferredKind() != null && !d.getAgent().preferredKind().equals(d.getShift().kind()))
			.penalize(HardMediumSoftScore.ofSoft(5))
			.asConstraint(PREFERRED_KIND);
	}
}
