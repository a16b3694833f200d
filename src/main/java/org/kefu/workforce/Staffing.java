package org.kefu.workforce;

import org.kefu.shared.InvalidInputException;

/**
 * Agents needed for one interval's demand: Erlang C, or Erlang A when callers' patience is known;
 * an occupancy cap; chat concurrency (an agent serves several chats, each a server); shrinkage
 * (breaks, training, absence) turning productive agents into the number to schedule.
 */
public final class Staffing {

	private Staffing() {
	}

	/**
	 * One interval's demand and the target. {@code shrinkage} 0.3 means 30 % of scheduled time is
	 * not on the phones; {@code maxOccupancy} 1 means no cap; {@code concurrency} 1 for calls.
	 */
	public record Demand(double contacts, int intervalSeconds, double handleSeconds, double targetAnswerSeconds,
			double targetServiceLevel, double shrinkage, Double patienceSeconds, double maxOccupancy, int concurrency) {

		public Demand {
			check(contacts >= 0 && Double.isFinite(contacts), "contacts", contacts);
			check(intervalSeconds > 0 && intervalSeconds <= 86_400, "intervalSeconds", intervalSeconds);
			check(handleSeconds > 0 && handleSeconds <= 86_400, "handleSeconds", handleSeconds);
			check(targetAnswerSeconds >= 0 && targetAnswerSeconds <= 86_400, "targetAnswerSeconds", targetAnswerSeconds);
			check(targetServiceLevel > 0 && targetServiceLevel < 1, "targetServiceLevel", targetServiceLevel);
			check(shrinkage >= 0 && shrinkage < 1, "shrinkage", shrinkage);
			check(patienceSeconds == null || (patienceSeconds > 0 && patienceSeconds <= 86_400), "patienceSeconds",
					patienceSeconds);
			check(maxOccupancy > 0 && maxOccupancy <= 1, "maxOccupancy", maxOccupancy);
			check(concurrency >= 1 && concurrency <= 20, "concurrency", concurrency);
			// A load the walk up cannot reach in reasonable time is a mistake, not a center.
			check(contacts * handleSeconds / intervalSeconds / concurrency <= 50_000, "contacts", contacts);
		}

		/** Offered load in Erlangs. */
		public double traffic() {
			return contacts * handleSeconds / intervalSeconds;
		}
	}

	/** The staffing for one interval: productive and scheduled agents and what they achieve. */
	public record Staffed(int agents, int scheduledAgents, double traffic, double serviceLevel,
			double probabilityOfWaiting, double averageSpeedOfAnswer, double occupancy, Double probabilityOfAbandon,
			String model) {
	}

	public static Staffed staff(Demand demand) {
		Erlang.Outcome outcome = demand.patienceSeconds() == null
				? Erlang.agentsForErlangC(demand.traffic(), demand.handleSeconds(), demand.targetAnswerSeconds(),
						demand.targetServiceLevel(), demand.maxOccupancy())
				: Erlang.agentsForErlangA(demand.contacts() / demand.intervalSeconds(), demand.handleSeconds(),
						demand.patienceSeconds(), demand.targetAnswerSeconds(), demand.targetServiceLevel(),
						demand.maxOccupancy());
		int agents = (int) Math.ceil(outcome.agents() / (double) demand.concurrency());
		return new Staffed(agents, scheduled(agents, demand.shrinkage()), demand.traffic(), outcome.serviceLevel(),
				outcome.probabilityOfWaiting(), outcome.averageSpeedOfAnswer(), outcome.occupancy(),
				demand.patienceSeconds() == null ? null : outcome.probabilityOfAbandon(),
				demand.patienceSeconds() == null ? "erlang-c" : "erlang-a");
	}

	/** Productive agents grossed up for shrinkage, rounded up (a tiny tolerance for 14 / 0.7). */
	public static int scheduled(int agents, double shrinkage) {
		return (int) Math.ceil(agents / (1 - shrinkage) - 1e-9);
	}

	private static void check(boolean ok, String field, Object value) {
		if (!ok) {
			throw new InvalidInputException("workforce.invalid-demand", field, String.valueOf(value));
		}
	}
}
