package org.kefu.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Categories;
import biweekly.util.ICalDate;
import org.kefu.calendar.BusinessCalendar.SpecialDay;

/**
 * Reads holidays and make-up working days from an iCalendar file (.ics), as published by
 * government and holiday-feed sites: every all-day event is a day off, except those marked as
 * working days. Events with a time of day, or without a date, are counted as skipped.
 */
final class ICalendarDays {

	private static final int MAX_EVENT_DAYS = 31;

	private ICalendarDays() {
	}

	record Read(List<SpecialDay> days, int skipped) {
	}

	static Read read(InputStream file) throws IOException {
		Map<LocalDate, SpecialDay> days = new LinkedHashMap<>();
		int skipped = 0;
		for (ICalendar calendar : Biweekly.parse(file).all()) {
			for (VEvent event : calendar.getEvents()) {
				ICalDate start = event.getDateStart() == null ? null : event.getDateStart().getValue();
				if (start == null || start.hasTime()) {
					skipped++;
					continue;
				}
				LocalDate first = localDate(start);
				LocalDate end = first.plusDays(1);
				if (event.getDateEnd() != null && event.getDateEnd().getValue() != null) {
					end = localDate(event.getDateEnd().getValue());
				}
				if (!end.isAfter(first) || end.isAfter(first.plusDays(MAX_EVENT_DAYS))) {
					skipped++;
					continue;
				}
				String title = event.getSummary() == null ? "" : event.getSummary().getValue().strip();
				SpecialDay.Kind kind = workday(event, title) ? SpecialDay.Kind.WORKDAY : SpecialDay.Kind.HOLIDAY;
				String name = title.length() > 100 ? title.substring(0, 100) : title;
				for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
					days.put(d, new SpecialDay(d, kind, name));
				}
			}
		}
		return new Read(new ArrayList<>(days.values()), skipped);
	}

	private static boolean workday(VEvent event, String title) {
		for (Categories categories : event.getCategories()) {
			for (String c : categories.getValues()) {
				String code = c.strip().toUpperCase(Locale.ROOT);
				if (code.equals("WORKDAY") || code.equals("WORKING DAY") || c.contains("上班") || c.contains("补班")) {
					return true;
				}
			}
		}
		return title.contains("上班") || title.contains("补班") || title.toLowerCase(Locale.ROOT).contains("working day")
				|| title.toLowerCase(Locale.ROOT).contains("workday");
	}

	/** A date-only value is the calendar date written in the file, whatever the reader's zone. */
	private static LocalDate localDate(ICalDate date) {
		if (date.getRawComponents() != null) {
			return LocalDate.of(date.getRawComponents().getYear(), date.getRawComponents().getMonth(),
					date.getRawComponents().getDate());
		}
		return ((Date) date).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
	}
}
