package org.kefu.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.kefu.calendar.BusinessCalendar.Interval;
import org.kefu.calendar.BusinessCalendar.SpecialDay;
import org.kefu.calendar.Calendars.CalendarInput;
import org.kefu.shared.InvalidInputException;

/** What an administrator types for a calendar, read and checked before anything is stored. */
final class CalendarInputs {

	private CalendarInputs() {
	}

	/** Parses what an administrator types for a weekday's hours: {@code 09:00-12:00, 13:30-18:00}. */
	static List<Interval> parseHours(String text) {
		List<Interval> intervals = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return intervals;
		}
		for (String part : text.split("[,，;；\\s]+")) {
			if (part.isBlank()) {
				continue;
			}
			String[] ends = part.split("[-–~～至]");
			try {
				intervals.add(Interval.of(ends[0].strip(), ends[1].strip()));
			}
			catch (RuntimeException e) {
				throw new InvalidInputException("calendar.hours-unreadable", part);
			}
		}
		return intervals;
	}

	record Checked(String name, ZoneId zone, Map<DayOfWeek, List<Interval>> hours) {
	}

	static Checked check(CalendarInput input, int maxDays) {
		String name = input.name() == null ? "" : input.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			throw new InvalidInputException("calendar.name-required");
		}
		ZoneId zone;
		try {
			zone = ZoneId.of(input.timeZone() == null ? "" : input.timeZone().strip());
		}
		catch (DateTimeException e) {
			throw new InvalidInputException("calendar.zone-unknown", input.timeZone());
		}
		Map<DayOfWeek, List<Interval>> hours = new EnumMap<>(DayOfWeek.class);
		if (input.hours() != null) {
			input.hours().forEach((d, list) -> hours.put(d, list == null ? List.of() : list));
		}
		boolean any = false;
		for (Map.Entry<DayOfWeek, List<Interval>> e : hours.entrySet()) {
			List<Interval> sorted = new ArrayList<>(e.getValue());
			sorted.sort(null);
			for (int i = 1; i < sorted.size(); i++) {
				if (sorted.get(i).start() < sorted.get(i - 1).end()) {
					throw new InvalidInputException("calendar.hours-overlap", e.getKey().getValue());
				}
			}
			any |= !sorted.isEmpty();
		}
		if (!any) {
			throw new InvalidInputException("calendar.no-hours");
		}
		if (input.days() != null) {
			if (input.days().size() > maxDays) {
				throw new InvalidInputException("calendar.too-many-days", maxDays);
			}
			input.days().forEach(CalendarInputs::checkDay);
		}
		return new Checked(name, zone, hours);
	}

	static void checkDay(SpecialDay day) {
		if (day == null || day.day() == null || day.kind() == null) {
			throw new InvalidInputException("calendar.day-invalid");
		}
		if (day.name() != null && day.name().length() > 100) {
			throw new InvalidInputException("calendar.day-invalid");
		}
	}
}
