package org.kefu.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When work happens, and how much of it lies between two moments. Each weekday has its working
 * intervals in local time (09:00–12:00 and 13:30–18:00 leaves lunch out); a holiday has none; a
 * make-up working day (调休) has the hours of an ordinary working day even on a Saturday. Time is
 * local to the calendar's zone, so a day on which clocks jump (daylight saving) has its intervals
 * shortened or lengthened by the jump, as a person working there would live it.
 */
public record BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Interval>> week, Map<LocalDate, SpecialDay> days) {

	/** How far ahead the arithmetic looks for working time before it decides there is none. */
	static final int SEARCH_DAYS = 366 * 5;

	public BusinessCalendar {
		Objects.requireNonNull(zone);
		Map<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek d : DayOfWeek.values()) {
			List<Interval> intervals = new ArrayList<>(week.getOrDefault(d, List.of()));
			intervals.sort(null);
			copy.put(d, List.copyOf(intervals));
		}
		week = Map.copyOf(copy);
		days = Map.copyOf(days);
	}

	/** Round the clock, every day: for channels that never close. */
	public static BusinessCalendar always(ZoneId zone) {
		Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek d : DayOfWeek.values()) {
			week.put(d, List.of(new Interval(0, Interval.DAY)));
		}
		return new BusinessCalendar(zone, week, Map.of());
	}

	/**
	 * A working interval of one day in minutes from local midnight: {@code [start, end)}, end at
	 * most 1440 (the next midnight).
	 */
	public record Interval(int start, int end) implements Comparable<Interval> {

		public static final int DAY = 24 * 60;

		public Interval {
			if (start < 0 || end > DAY || start >= end) {
				throw new IllegalArgumentException("Not a working interval: " + start + "–" + end);
			}
		}

		public static Interval of(String from, String to) {
			return new Interval(minutes(from), minutes(to));
		}

		private static int minutes(String time) {
			if (time.equals("24:00")) {
				return DAY;
			}
			LocalTime t = LocalTime.parse(time.length() == 4 ? "0" + time : time);
			return t.getHour() * 60 + t.getMinute();
		}

		public String from() {
			return "%02d:%02d".formatted(start / 60, start % 60);
		}

		public String to() {
			return "%02d:%02d".formatted(end / 60, end % 60);
		}

		@Override
		public int compareTo(Interval other) {
			return Integer.compare(start, other.start);
		}

		@Override
		public String toString() {
			return from() + "-" + to();
		}
	}

	/** A date that is not an ordinary day of its weekday: a holiday, or a make-up working day. */
	public record SpecialDay(LocalDate day, Kind kind, String name) {

		public enum Kind {
			HOLIDAY, WORKDAY;

			public String code() {
				return name().toLowerCase();
			}

			public static Kind ofCode(String code) {
				return valueOf(code.toUpperCase());
			}
		}
	}

	/** A stretch of working time in real time. */
	public record Window(Instant start, Instant end) {

		Duration length() {
			return Duration.between(start, end);
		}
	}

	/** The working intervals of a date, in local time. */
	public List<Interval> hoursOn(LocalDate date) {
		SpecialDay special = days.get(date);
		if (special == null) {
			return week.get(date.getDayOfWeek());
		}
		return special.kind() == SpecialDay.Kind.HOLIDAY ? List.of() : ordinaryWorkingDay();
	}

	/** The hours a make-up day borrows: Monday's, or the first weekday that has any. */
	List<Interval> ordinaryWorkingDay() {
		for (DayOfWeek d : DayOfWeek.values()) {
			if (!week.get(d).isEmpty()) {
				return week.get(d);
			}
		}
		return List.of();
	}

	/** The working windows of a date in real time. */
	public List<Window> windowsOn(LocalDate date) {
		List<Interval> hours = hoursOn(date);
		List<Window> windows = new ArrayList<>(hours.size());
		Instant previousEnd = Instant.MIN;
		for (Interval i : hours) {
			// an interval touching a clock jump can map onto a neighbour's real time: never count it twice
			Instant start = max(at(date, i.start()), previousEnd);
			Instant end = at(date, i.end());
			if (end.isAfter(start)) {
				windows.add(new Window(start, end));
				previousEnd = end;
			}
		}
		return windows;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private Instant at(LocalDate date, int minute) {
		if (minute == Interval.DAY) {
			return date.plusDays(1).atStartOfDay(zone).toInstant();
		}
		return ZonedDateTime.of(date, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
	}

	/** Whether any working time exists at all, ordinary or made up. */
	public boolean hasWorkingTime() {
		return !ordinaryWorkingDay().isEmpty();
	}

	/** The working time between two moments; nothing when {@code to} is not after {@code from}. */
	public Duration between(Instant from, Instant to) {
		if (!to.isAfter(from)) {
			return Duration.ZERO;
		}
		Duration total = Duration.ZERO;
		LocalDate last = to.atZone(zone).toLocalDate();
		for (LocalDate d = from.atZone(zone).toLocalDate().minusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
			for (Window w : windowsOn(d)) {
				Instant s = w.start().isAfter(from) ? w.start() : from;
				Instant e = w.end().isBefore(to) ? w.end() : to;
				if (e.isAfter(s)) {
					total = total.plus(Duration.between(s, e));
				}
			}
		}
		return total;
	}

	/**
	 * The moment at which {@code amount} of working time has passed since {@code start}: a
	 * deadline. Zero gives {@code start} itself.
	 *
	 * @throws IllegalStateException when the calendar has no working time in the next five years
	 */
	public Instant plus(Instant start, Duration amount) {
		if (amount.isNegative() || amount.isZero()) {
			return start;
		}
		Duration left = amount;
		LocalDate d = start.atZone(zone).toLocalDate().minusDays(1);
		for (int n = 0; n < SEARCH_DAYS; n++, d = d.plusDays(1)) {
			for (Window w : windowsOn(d)) {
				if (!w.end().isAfter(start)) {
					continue;
				}
				Instant s = w.start().isAfter(start) ? w.start() : start;
				Duration available = Duration.between(s, w.end());
				if (available.compareTo(left) >= 0) {
					return s.plus(left);
				}
				left = left.minus(available);
			}
		}
		throw new IllegalStateException("No working time in the calendar within " + SEARCH_DAYS + " days");
	}

	/** Whether the moment lies in working time. */
	public boolean isWorking(Instant moment) {
		LocalDate date = moment.atZone(zone).toLocalDate();
		for (LocalDate d = date.minusDays(1); !d.isAfter(date); d = d.plusDays(1)) {
			for (Window w : windowsOn(d)) {
				if (!moment.isBefore(w.start()) && moment.isBefore(w.end())) {
					return true;
				}
			}
		}
		return false;
	}

	/** The moment itself when it is working time, otherwise the start of the next working window. */
	public Instant nextWorking(Instant moment) {
		if (isWorking(moment)) {
			return moment;
		}
		LocalDate d = moment.atZone(zone).toLocalDate();
		for (int n = 0; n < SEARCH_DAYS; n++, d = d.plusDays(1)) {
			for (Window w : windowsOn(d)) {
				if (w.start().isAfter(moment)) {
					return w.start();
				}
			}
		}
		throw new IllegalStateException("No working time in the calendar within " + SEARCH_DAYS + " days");
	}
}
