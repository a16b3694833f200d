package org.kefu.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kefu.calendar.BusinessCalendar.Interval;
import org.kefu.calendar.BusinessCalendar.SpecialDay;

/**
 * The laws business time keeps whatever the calendar: random weekly hours with breaks, random
 * holidays and make-up days, zones with and without daylight saving.
 */
class BusinessCalendarProperties {

	private static final Instant START = Instant.parse("2025-12-20T00:00:00Z");
	private static final long SPAN = Duration.ofDays(400).toSeconds();

	@Property(tries = 300)
	void timeBetweenAddsUp(@ForAll("calendars") BusinessCalendar calendar, @ForAll("moments") Instant a,
			@ForAll("moments") Instant b, @ForAll("moments") Instant c) {
		List<Instant> sorted = new ArrayList<>(List.of(a, b, c));
		sorted.sort(null);
		Instant x = sorted.get(0);
		Instant y = sorted.get(1);
		Instant z = sorted.get(2);
		assertThat(calendar.between(x, y).plus(calendar.between(y, z))).isEqualTo(calendar.between(x, z));
		assertThat(calendar.between(x, z)).isLessThanOrEqualTo(Duration.between(x, z));
	}

	@Property(tries = 300)
	void aDeadlineIsTheFirstMomentTheTimeHasPassed(@ForAll("calendars") BusinessCalendar calendar,
			@ForAll("moments") Instant start, @ForAll("amounts") Duration amount) {
		Instant due = calendar.plus(start, amount);
		assertThat(calendar.between(start, due)).isEqualTo(amount);
		if (!amount.isZero()) {
			assertThat(calendar.between(start, due.minusSeconds(1))).isLessThan(amount);
		}
	}

	@Property(tries = 300)
	void pausesOnlyTakeTheirOwnTimeOut(@ForAll("calendars") BusinessCalendar calendar, @ForAll("moments") Instant a,
			@ForAll("moments") Instant b, @ForAll("moments") Instant c, @ForAll("moments") Instant d) {
		// a clock running a→b, paused b→c, running again c→d: what it shows is the whole minus the pause
		List<Instant> t = new ArrayList<>(List.of(a, b, c, d));
		t.sort(null);
		Duration running = calendar.between(t.get(0), t.get(1)).plus(calendar.between(t.get(2), t.get(3)));
		assertThat(running).isEqualTo(calendar.between(t.get(0), t.get(3)).minus(calendar.between(t.get(1), t.get(2))));
	}

	@Property(tries = 300)
	void theNextWorkingMomentIsWorkingAndNothingBeforeItIs(@ForAll("calendars") BusinessCalendar calendar,
			@ForAll("moments") Instant moment) {
		Instant next = calendar.nextWorking(moment);
		assertThat(calendar.isWorking(next)).isTrue();
		assertThat(calendar.between(moment, next)).isZero();
	}

	@Provide
	Arbitrary<Instant> moments() {
		return Arbitraries.longs().between(0, SPAN).map(s -> START.plusSeconds(s));
	}

	@Provide
	Arbitrary<Duration> amounts() {
		return Arbitraries.longs().between(0, Duration.ofDays(20).toSeconds()).map(Duration::ofSeconds);
	}

	@Provide
	Arbitrary<BusinessCalendar> calendars() {
		Arbitrary<ZoneId> zones = Arbitraries.of("Asia/Shanghai", "America/New_York", "Europe/Berlin",
				"Australia/Sydney", "UTC").map(ZoneId::of);
		Arbitrary<List<Interval>> day = Arbitraries.integers()
			.between(0, 1440)
			.list()
			.ofMaxSize(6)
			.map(cuts -> {
				List<Integer> points = new ArrayList<>(cuts.stream().distinct().sorted().toList());
				List<Interval> intervals = new ArrayList<>();
				for (int i = 0; i + 1 < points.size(); i += 2) {
					intervals.add(new Interval(points.get(i), points.get(i + 1)));
				}
				return intervals;
			});
		Arbitrary<Map<DayOfWeek, List<Interval>>> weeks = day.list().ofSize(7).map(list -> {
			Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
			for (int i = 0; i < 7; i++) {
				week.put(DayOfWeek.of(i + 1), list.get(i));
			}
			if (week.values().stream().allMatch(List::isEmpty)) {
				week.put(DayOfWeek.MONDAY, List.of(Interval.of("09:00", "17:00")));
			}
			return week;
		});
		Arbitrary<Map<LocalDate, SpecialDay>> days = Combinators
			.combine(Arbitraries.integers().between(0, 420), Arbitraries.of(SpecialDay.Kind.values()))
			.as((offset, kind) -> new SpecialDay(LocalDate.of(2025, 12, 15).plusDays(offset), kind, ""))
			.list()
			.ofMaxSize(40)
			.map(list -> {
				Map<LocalDate, SpecialDay> map = new LinkedHashMap<>();
				list.forEach(d -> map.put(d.day(), d));
				return map;
			});
		return Combinators.combine(zones, weeks, days).as(BusinessCalendar::new);
	}
}
