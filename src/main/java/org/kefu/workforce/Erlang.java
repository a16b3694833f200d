package org.kefu.workforce;

/**
 * Queueing formulas for staffing, exact and stable for large centers: Erlang B by its recursion
 * (never factorials or powers), Erlang C from it, and Erlang A (M/M/n+M, callers who give up after
 * an exponential patience) from its birth–death steady state with the tagged caller's wait by
 * uniformisation. Times are in seconds; {@code traffic} is offered load in Erlangs (arrivals ×
 * handling time ÷ interval).
 */
public final class Erlang {

	private Erlang() {
	}

	/** What {@code agents} agents give for one interval. */
	public record Outcome(int agents, double serviceLevel, double probabilityOfWaiting, double averageSpeedOfAnswer,
			double occupancy, double probabilityOfAbandon) {
	}

	/** Erlang B: the share of callers blocked with {@code agents} servers and no queue. */
	public static double blocking(int agents, double traffic) {
		double b = 1.0;
		for (int k = 1; k <= agents; k++) {
			b = traffic * b / (k + traffic * b);
		}
		return b;
	}

	/** Erlang C: the probability that a caller waits; 1 when the agents cannot keep up. */
	public static double probabilityOfWaiting(int agents, double traffic) {
		if (agents <= traffic) {
			return 1.0;
		}
		double b = blocking(agents, traffic);
		return agents * b / (agents - traffic * (1 - b));
	}

	/** Erlang C for one staffing level. */
	public static Outcome erlangC(int agents, double traffic, double handleSeconds, double targetSeconds) {
		if (agents <= traffic) {
			return new Outcome(agents, 0, 1, Double.POSITIVE_INFINITY, 1, 0);
		}
		double pw = probabilityOfWaiting(agents, traffic);
		double sl = 1 - pw * Math.exp(-(agents - traffic) * targetSeconds / handleSeconds);
		double asa = pw * handleSeconds / (agents - traffic);
		return new Outcome(agents, sl, pw, asa, traffic / agents, 0);
	}

	/**
	 * The fewest agents that meet the service level (and keep occupancy at or under the cap, 1 for
	 * none) by Erlang C. Walks up from the load with one Erlang B step per agent.
	 */
	public static Outcome agentsForErlangC(double traffic, double handleSeconds, double targetSeconds,
			double targetServiceLevel, double maxOccupancy) {
		if (traffic <= 0) {
			return new Outcome(0, 1, 0, 0, 0, 0);
		}
		int n = (int) Math.floor(traffic) + 1;
		double b = blocking(n, traffic);
		while (true) {
			double pw = n * b / (n - traffic * (1 - b));
			double sl = 1 - pw * Math.exp(-(n - traffic) * targetSeconds / handleSeconds);
			double occupancy = traffic / n;
			if (sl >= targetServiceLevel && occupancy <= maxOccupancy + 1e-12) {
				return new Outcome(n, sl, pw, pw * handleSeconds / (n - traffic), occupancy, 0);
			}
			n++;
			b = traffic * b / (n + traffic * b);
		}
	}

	/**
	 * Erlang A for one staffing level: arrivals per second {@code rate}, mean patience
	 * {@code patienceSeconds}. The service level is the share of all callers answered within the
	 * target (a caller who gives up first is not answered); the average speed of answer is the mean
	 * time in queue over all callers.
	 */
	public static Outcome erlangA(int agents, double rate, double handleSeconds, double patienceSeconds,
			double targetSeconds) {
		double mu = 1 / handleSeconds;
		double gamma = 1 / patienceSeconds;
		double traffic = rate * handleSeconds;
		if (agents == 0) {
			return new Outcome(0, 0, 1, patienceSeconds, 0, 1);
		}
		// Relative to the state "all agents busy, nobody waiting" = 1: below it by Erlang B, above it
		// term by term until the terms stop counting.
		double b = blocking(agents, traffic);
		double below = b > 0 ? 1 / b - 1 : Double.POSITIVE_INFINITY;
		if (Double.isInfinite(below)) {
			return new Outcome(agents, 1, 0, 0, traffic / agents, 0);
		}
		java.util.ArrayList<Double> queue = new java.util.ArrayList<>();
		double term = 1.0;
		double above = 0;
		for (int j = 1; j < 1_000_000; j++) {
			term *= rate / (agents * mu + j * gamma);
			queue.add(term);
			above += term;
			if (term < 1e-17 * (1 + below + above)) {
				break;
			}
		}
		double total = below + 1 + above;
		double waitingProbability = (1 + above) / total;
		double meanQueue = 0;
		for (int j = 0; j < queue.size(); j++) {
			meanQueue += (j + 1) * queue.get(j) / total;
		}
		double abandon = gamma * meanQueue / rate;
		double busy = (traffic * (1 - abandon)) / agents;
		// Answered within the target: an arrival finding i callers ahead (with probability of that
		// state) is answered by t when its own i + 1 queue stages end before t and before its patience.
		double answeredInTime = below / total;
		double[] inTime = answeredWithin(queue.size(), agents * mu, gamma, targetSeconds);
		answeredInTime += inTime[0] / total;
		for (int i = 1; i <= queue.size(); i++) {
			answeredInTime += queue.get(i - 1) / total * inTime[i];
		}
		return new Outcome(agents, answeredInTime, waitingProbability, meanQueue / rate, busy, abandon);
	}

	/** The fewest agents for the service level under Erlang A (with the occupancy cap). */
	public static Outcome agentsForErlangA(double rate, double handleSeconds, double patienceSeconds,
			double targetSeconds, double targetServiceLevel, double maxOccupancy) {
		if (rate <= 0) {
			return new Outcome(0, 1, 0, 0, 0, 0);
		}
		for (int n = 1;; n++) {
			Outcome outcome = erlangA(n, rate, handleSeconds, patienceSeconds, targetSeconds);
			if (outcome.serviceLevel() >= targetServiceLevel && outcome.occupancy() <= maxOccupancy + 1e-12) {
				return outcome;
			}
		}
	}

	/**
	 * For a caller with i = 0..ahead callers in front: the probability of being answered within
	 * {@code t}. In front of it the queue moves at {@code served + k·gamma} with k callers ahead;
	 * the caller itself gives up at {@code gamma}. Computed for every i at once by uniformisation.
	 */
	static double[] answeredWithin(int ahead, double served, double gamma, double t) {
		int states = ahead + 1;
		// State i: i callers ahead. From i: to i - 1 (or answered from 0) at served + i·gamma, gone at gamma.
		double uniform = served + (ahead + 1) * gamma;
		double lt = uniform * t;
		double[] value = new double[states];
		double[] result = new double[states];
		double[] next = new double[states];
		// value_m(i) = probability of having been answered after m uniformised steps from state i.
		double logWeight = -lt;
		int steps = (int) Math.ceil(lt + 12 * Math.sqrt(lt + 1) + 20);
		for (int m = 0; m <= steps; m++) {
			double weight = Math.exp(logWeight);
			for (int i = 0; i < states; i++) {
				result[i] += weight * value[i];
			}
			for (int i = 0; i < states; i++) {
				double forward = (served + i * gamma) / uniform;
				double stay = 1 - forward - gamma / uniform;
				double ahead1 = i == 0 ? 1.0 : value[i - 1];
				next[i] = forward * ahead1 + stay * value[i];
			}
			double[] swap = value;
			value = next;
			next = swap;
			logWeight += Math.log(lt) - Math.log(m + 1);
		}
		return result;
	}
}
