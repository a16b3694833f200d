package org.kefu.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.kefu.shared.InvalidInputException;
import org.kefu.workforce.Staffing.Demand;
import org.kefu.workforce.Staffing.Staffed;

/** Erlang C against published worked examples; Erlang A against Erlang C and the law of large centers. */
class ErlangTests {

	@Test
	void fourteenAgentsForAHundredCallsInHalfAnHour() {
		Staffed staffed = Staffing.staff(new Demand(100, 1800, 180, 20, 0.8, 0.3, null, 1, 1));

		assertThat(staffed.agents()).isEqualTo(14);
		assertThat(staffed.serviceLevel()).isCloseTo(0.888350, within(5e-7));
		assertThat(staffed.probabilityOfWaiting()).isCloseTo(0.1741319, within(5e-8));
		assertThat(staffed.averageSpeedOfAnswer()).isCloseTo(7.836, within(5e-4));
		assertThat(staffed.occupancy()).isCloseTo(10.0 / 14, within(1e-12));
		assertThat(staffed.scheduledAgents()).isEqualTo(20);
		assertThat(Erlang.erlangC(13, 10, 180, 20).serviceLevel()).isCloseTo(0.795595, within(5e-7));
	}

	@Test
	void elevenProductiveSixteenScheduledForTwentyFiveInTenMinutes() {
		Staffed staffed = Staffing.staff(new Demand(25, 600, 180, 20, 0.8, 0.3, null, 1, 1));

		assertThat(staffed.agents()).isEqualTo(11);
		assertThat(staffed.scheduledAgents()).isEqualTo(16);
	}

	/** Erlang C from its textbook formula in 60-digit decimals: A^n/n! · n/(n−A) over Σ A^k/k! + that. */
	static double reference(int n, double a) {
		java.math.MathContext mc = new java.math.MathContext(60);
		java.math.BigDecimal traffic = new java.math.BigDecimal(a, mc);
		java.math.BigDecimal term = java.math.BigDecimal.ONE;
		java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
		for (int k = 0; k < n; k++) {
			sum = sum.add(term, mc);
			term = term.multiply(traffic, mc).divide(java.math.BigDecimal.valueOf(k + 1), mc);
		}
		java.math.BigDecimal last = term.multiply(java.math.BigDecimal.valueOf(n), mc)
			.divide(java.math.BigDecimal.valueOf(n).subtract(traffic, mc), mc);
		return last.divide(sum.add(last, mc), mc).doubleValue();
	}

	@Test
	void theRecursionAgreesWithTheTextbookFormulaToANanth() {
		double worst = 0;
		for (double a : new double[] { 0.3, 2.5, 10, 47.3, 120, 299.9 }) {
			for (int n = (int) Math.floor(a) + 1; n <= a + 3 * Math.sqrt(a) + 5; n++) {
				worst = Math.max(worst, Math.abs(Erlang.probabilityOfWaiting(n, a) - reference(n, a)));
			}
		}
		assertThat(worst).isLessThan(1e-9);
	}

	@Test
	void largeCentersStayFiniteAndExact() {
		// 20,000 Erlangs: factorials would overflow long before; the recursion does not.
		Erlang.Outcome outcome = Erlang.agentsForErlangC(20_000, 180, 20, 0.8, 1);

		assertThat(outcome.agents()).isBetween(20_001, 20_200);
		assertThat(outcome.serviceLevel()).isBetween(0.8, 1.0);
		assertThat(Erlang.erlangC(outcome.agents() - 1, 20_000, 180, 20).serviceLevel()).isLessThan(0.8);
	}

	@Test
	void anOccupancyCapAddsAgents() {
		Staffed free = Staffing.staff(new Demand(1000, 1800, 180, 60, 0.5, 0, null, 1, 1));
		Staffed capped = Staffing.staff(new Demand(1000, 1800, 180, 60, 0.5, 0, null, 0.85, 1));

		assertThat(free.occupancy()).isGreaterThan(0.85);
		assertThat(capped.occupancy()).isLessThanOrEqualTo(0.85);
		assertThat(capped.agents()).isEqualTo((int) Math.ceil(100 / 0.85));
	}

	@Test
	void chatAgentsServeSeveralAtOnce() {
		Staffed one = Staffing.staff(new Demand(300, 1800, 600, 30, 0.8, 0, null, 1, 1));
		Staffed three = Staffing.staff(new Demand(300, 1800, 600, 30, 0.8, 0, null, 1, 3));

		assertThat(three.agents()).isEqualTo((int) Math.ceil(one.agents() / 3.0));
	}

	@Test
	void erlangAWithEndlessPatienceIsErlangC() {
		Erlang.Outcome a = Erlang.erlangA(14, 100 / 1800.0, 180, 1e9, 20);
		Erlang.Outcome c = Erlang.erlangC(14, 10, 180, 20);

		assertThat(a.serviceLevel()).isCloseTo(c.serviceLevel(), within(1e-5));
		assertThat(a.probabilityOfWaiting()).isCloseTo(c.probabilityOfWaiting(), within(1e-6));
		assertThat(a.averageSpeedOfAnswer()).isCloseTo(c.averageSpeedOfAnswer(), within(1e-3));
	}

	@Test
	void impatientCallersNeedFewerAgentsAndSomeGiveUp() {
		Staffed c = Staffing.staff(new Demand(100, 1800, 180, 20, 0.8, 0, null, 1, 1));
		Staffed a = Staffing.staff(new Demand(100, 1800, 180, 20, 0.8, 0, 60.0, 1, 1));

		assertThat(a.model()).isEqualTo("erlang-a");
		assertThat(a.agents()).isLessThanOrEqualTo(c.agents());
		assertThat(a.probabilityOfAbandon()).isBetween(0.0, 0.2);
		// Overloaded: Erlang C has no steady state, Erlang A still answers some within the target.
		Erlang.Outcome overloaded = Erlang.erlangA(8, 100 / 1800.0, 180, 60, 20);
		assertThat(overloaded.probabilityOfAbandon()).isGreaterThan(0.1);
		assertThat(overloaded.serviceLevel()).isBetween(0.0, 1.0);
		assertThat(overloaded.occupancy()).isLessThanOrEqualTo(1.0);
	}

	@Test
	void impossibleDemandIsRefusedNamingTheField() {
		assertThatThrownBy(() -> new Demand(100, 1800, 180, 20, 1.2, 0, null, 1, 1))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("workforce.invalid-demand");
		assertThatThrownBy(() -> new Demand(-1, 1800, 180, 20, 0.8, 0, null, 1, 1))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> new Demand(100, 1800, 180, 20, 0.8, 1, null, 1, 1))
			.isInstanceOf(InvalidInputException.class);
	}
}
