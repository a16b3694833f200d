package org.kefu.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kefu.calendar.BusinessCalendar.Interval;

/**
 * Business time as a supervisor reckons it on the wall calendar: lunch does not count, nor do
 * holidays; a make-up Sunday does; a day on which the clocks jump is an hour shorter or longer.
 */
class BusinessCalendarTests {

	private final BusinessCalendar china = ChinaCalendar.office();

	private static Instant shanghai(String local) {
		return LocalDateTime.parse(local).atZone(ChinaCalendar.SHANGHAI).toInstant();
	}

	@Test
	void lunchIsNotWorkingTime() {
		assertThat(china.between(shanghai("2026-09-16T11:30"), shanghai("2026-09-16T14:00")))
			.isEqualTo(Duration.ofHours(1));
		assertThat(china.isWorking(shanghai("2026-09-16T12:45"))).isFalse();
		assertThat(china.nextWorking(shanghai("2026-09-16T12:45"))).isEqualTo(shanghai("2026-09-16T13:30"));
	}

	@Test
	void aMakeUpSundayIsAWholeWorkingDayAndAHolidayWeekIsNone() {
		// Friday 17:00 to Monday 10:00 over Sunday 20 September, a make-up working day (调休)
		assertThat(china.between(shanghai("2026-09-18T17:00"), shanghai("2026-09-21T10:00")))
			.isEqualTo(Duration.ofMinutes(60 + 450 + 60));
		// the National Day week counts nothing
		assertThat(china.between(shanghai("2026-10-01T00:00"), shanghai("2026-10-08T00:00"))).isZero();
		assertThat(china.isWorking(shanghai("2026-10-10T10:00"))).as("Saturday 10 October is worked").isTrue();
	}

	@Test
	void aDeadlineSkipsTheHolidaysAndTheNights() {
		// one working hour left on 30 September, then the holiday week: the next hour ends at 10:00 on 8 October
		assertThat(china.plus(shanghai("2026-09-30T17:00"), Duration.ofHours(2))).isEqualTo(shanghai("2026-10-08T10:00"));
		// the B2B incident report: two working days (2 × 7.5 h) from 15:00 on 30 September
		assertThat(china.plus(shanghai("2026-09-30T15:00"), Duration.ofMinutes(2 * 450)))
			.isEqualTo(shanghai("2026-10-09T15:00"));
		// a deadline that ends exactly at noon is noon, not 13:30
		assertThat(china.plus(shanghai("2026-09-16T11:00"), Duration.ofHours(1))).isEqualTo(shanghai("2026-09-16T12:00"));
		// started at lunch, the clock starts at 13:30
		assertThat(china.plus(shanghai("2026-09-16T12:10"), Duration.ofSeconds(30))).isEqualTo(shanghai("2026-09-16T13:30:30"));
		// the Spring Festival: Friday 13 February evening, then Saturday 14 February is worked
		assertThat(china.plus(shanghai("2026-02-13T18:00"), Duration.ofMinutes(30))).isEqualTo(shanghai("2026-02-14T09:30"));
	}

	@Test
	void roundTheClockChatCountsEverySecond() {
		BusinessCalendar always = BusinessCalendar.always(ChinaCalendar.SHANGHAI);
		Instant arrived = shanghai("2026-10-01T03:00:10");
		assertThat(always.plus(arrived, Duration.ofSeconds(30))).isEqualTo(arrived.plusSeconds(30));
		assertThat(always.between(arrived, arrived.plusSeconds(59))).isEqualTo(Duration.ofSeconds(59));
	}

	@Test
	void theDaysTheClocksJumpAreShorterAndLonger() {
		ZoneId newYork = ZoneId.of("America/New_York");
		BusinessCalendar always = BusinessCalendar.always(newYork);
		Instant march8 = LocalDateTime.parse("2026-03-08T00:00").atZone(newYork).toInstant();
		Instant march9 = LocalDateTime.parse("2026-03-09T00:00").atZone(newYork).toInstant();
		assertThat(always.between(march8, march9)).isEqualTo(Duration.ofHours(23));
		Instant november1 = LocalDateTime.parse("2026-11-01T00:00").atZone(newYork).toInstant();
		Instant november2 = LocalDateTime.parse("2026-11-02T00:00").atZone(newYork).toInstant();
		assertThat(always.between(november1, november2)).isEqualTo(Duration.ofHours(25));

		// an office day 01:00–04:00 on the spring-forward night loses the skipped hour
		Map<DayOfWeek, List<Interval>> night = new EnumMap<>(DayOfWeek.class);
		night.put(DayOfWeek.SUNDAY, List.of(Interval.of("01:00", "02:30"), Interval.of("03:00", "04:00")));
		BusinessCalendar nightShift = new BusinessCalendar(newYork, night, Map.of());
		assertThat(nightShift.between(march8, march9))
			.as("01:00–02:30 is 06:00–07:30 UTC, 03:00–04:00 EDT adds only 07:30–08:00 UTC: never counted twice")
			.isEqualTo(Duration.ofHours(2));
	}

	@Test
	void aCalendarWithoutWorkingTimeSaysSo() {
		BusinessCalendar never = new BusinessCalendar(ChinaCalendar.SHANGHAI, Map.of(), Map.of());
		assertThat(never.hasWorkingTime()).isFalse();
		assertThat(never.between(shanghai("2026-01-01T00:00"), shanghai("2027-01-01T00:00"))).isZero();
		assertThatThrownBy(() -> never.plus(shanghai("2026-01-01T00:00"), Duration.ofMinutes(1)))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void hoursAreReadAsAdministratorsTypeThem() {
		assertThat(Calendars.parseHours("09:00-12:00，13:30～18:00")).containsExactly(Interval.of("09:00", "12:00"),
				Interval.of("13:30", "18:00"));
		assertThat(Calendars.parseHours("0:00-24:00")).containsExactly(new Interval(0, 1440));
		assertThatThrownBy(() -> Calendars.parseHours("18:00-09:00"))
			.isInstanceOf(org.kefu.shared.InvalidInputException.class);
	}
}
