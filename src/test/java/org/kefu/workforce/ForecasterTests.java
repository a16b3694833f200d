package org.kefu.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The forecast on small series made here: the weekday pattern, a learned promotion, a thin day. */
class ForecasterTests {

	static final LocalDate START = LocalDate.of(2026, 1, 5);

	/** Mondays 1,200, other weekdays 1,000, weekends 400; all between 09:00 and 17:00. */
	static TreeMap<LocalDate, double[]> series(int weeks) {
		TreeMap<LocalDate, double[]> days = new TreeMap<>();
		for (int d = 0; d < weeks * 7; d++) {
			LocalDate day = START.plusDays(d);
			double total = day.getDayOfWeek() == DayOfWeek.MONDAY ? 1200
					: day.getDayOfWeek().getValue() >= 6 ? 400 : 1000;
			double[] slots = new double[48];
			for (int s = 18; s < 34; s++) {
				slots[s] = total / 16;
			}
			days.put(day, slots);
		}
		return days;
	}

	@Test
	void eachWeekdayKeepsItsOwnLevelAndHours() {
		var days = new Forecaster(series(8), List.of(), Forecaster.Settings.STANDARD).forecast(START.plusWeeks(8), 7);

		assertThat(days.get(0).total()).isCloseTo(1200, within(1e-6));
		assertThat(days.get(1).total()).isCloseTo(1000, within(1e-6));
		assertThat(days.get(6).total()).isCloseTo(400, within(1e-6));
		assertThat(days.get(0).intervals()[18]).isCloseTo(75, within(1e-6));
		assertThat(days.get(0).intervals()[10]).isZero();
	}

	@Test
	void aPromotionWithoutAFactorLearnsItFromEarlierOnes() {
		var history = series(10);
		// Two earlier promotion Wednesdays came in at double.
		for (LocalDate day : List.of(START.plusWeeks(3).plusDays(2), START.plusWeeks(6).plusDays(2))) {
			double[] slots = history.get(day);
			for (int s = 0; s < slots.length; s++) {
				slots[s] *= 2;
			}
		}
		LocalDate next = START.plusWeeks(10).plusDays(2);
		var events = List.of(new Forecaster.Event("大促", "promotion", START.plusWeeks(3).plusDays(2), START.plusWeeks(3).plusDays(2), null),
				new Forecaster.Event("大促", "promotion", START.plusWeeks(6).plusDays(2), START.plusWeeks(6).plusDays(2), null),
				new Forecaster.Event("大促", "promotion", next, next, null));

		var day = new Forecaster(history, events, Forecaster.Settings.STANDARD).forecast(next, 1).get(0);

		assertThat(day.eventFactor()).isCloseTo(2.0, within(1e-6));
		assertThat(day.total()).isCloseTo(2000, within(1e-3));
		assertThat(day.event().name()).isEqualTo("大促");
	}

	@Test
	void aNearlyEmptyDayDoesNotTiltTheHours() {
		var history = series(8);
		// The last Monday has a single early contact, at 02:00 (a partial day, a test call).
		double[] thin = new double[48];
		thin[4] = 1;
		history.put(START.plusWeeks(7), thin);

		var monday = new Forecaster(history, List.of(), Forecaster.Settings.STANDARD).forecast(START.plusWeeks(8), 1).get(0);

		assertThat(monday.intervals()[4] / monday.total()).as("share at 02:00").isLessThan(0.002);
		assertThat(new Forecaster(history, List.of(), Forecaster.Settings.STANDARD).seasonalNaive(START.plusWeeks(8),
				START.plusWeeks(8)).orElseThrow()[4]).as("the baseline copies last Monday as it was").isEqualTo(1);
	}
}
