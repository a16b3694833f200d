package org.kefu.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kefu.calendar.BusinessCalendar.Interval;
import org.kefu.calendar.BusinessCalendar.SpecialDay;

/** The shipped mainland China office calendar for the autumn of 2026, built in code for unit tests. */
final class ChinaCalendar {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private ChinaCalendar() {
	}

	static BusinessCalendar office() {
		Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			week.put(d, List.of(Interval.of("09:00", "12:00"), Interval.of("13:30", "18:00")));
		}
		Map<LocalDate, SpecialDay> days = new LinkedHashMap<>();
		for (int d = 1; d <= 7; d++) {
			holiday(days, LocalDate.of(2026, 10, d), "国庆节");
		}
		for (int d = 25; d <= 27; d++) {
			holiday(days, LocalDate.of(2026, 9, d), "中秋节");
		}
		for (int d = 15; d <= 23; d++) {
			holiday(days, LocalDate.of(2026, 2, d), "春节");
		}
		workday(days, LocalDate.of(2026, 9, 20));
		workday(days, LocalDate.of(2026, 10, 10));
		workday(days, LocalDate.of(2026, 2, 14));
		workday(days, LocalDate.of(2026, 2, 28));
		return new BusinessCalendar(SHANGHAI, week, days);
	}

	private static void holiday(Map<LocalDate, SpecialDay> days, LocalDate day, String name) {
		days.put(day, new SpecialDay(day, SpecialDay.Kind.HOLIDAY, name));
	}

	private static void workday(Map<LocalDate, SpecialDay> days, LocalDate day) {
		days.put(day, new SpecialDay(day, SpecialDay.Kind.WORKDAY, "调休"));
	}
}
