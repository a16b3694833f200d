package org.kefu.calendar.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.calendar.BusinessCalendar.Interval;
import org.kefu.calendar.BusinessCalendar.SpecialDay;
import org.kefu.calendar.Calendars;
import org.kefu.calendar.Calendars.CalendarInput;
import org.kefu.calendar.Calendars.CalendarSummary;
import org.kefu.calendar.Calendars.CalendarView;
import org.kefu.calendar.Calendars.ImportResult;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Business calendars and business time over the API. */
@RestController
@Tag(name = "Calendars", description = "Working hours, holidays and make-up days; business time between two moments")
class CalendarApi {

	private final Calendars calendars;

	CalendarApi(Calendars calendars) {
		this.calendars = calendars;
	}

	/** Hours per weekday in lower-case English ({@code "monday": ["09:00-12:00", "13:30-18:00"]}). */
	record CalendarRequest(String name, String timeZone, Map<String, List<String>> hours, List<Day> days,
			List<Long> teams, Boolean makeDefault, String note) {
	}

	record Day(LocalDate date, String kind, String name) {
	}

	record CalendarJson(long id, String name, String timeZone, boolean defaultCalendar, String note,
			Map<String, List<String>> hours, List<Day> days, List<Long> teams, Instant updatedAt) {
	}

	record Span(Instant from, Instant to) {
	}

	record BusinessTime(long calendar, Instant from, Instant to, long seconds, String duration) {
	}

	@GetMapping("/api/v1/calendars")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "The business calendars, the default first")
	List<CalendarSummary> all() {
		return calendars.all();
	}

	@GetMapping("/api/v1/calendars/{id}")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "One calendar with its hours, holidays, make-up working days and teams")
	CalendarJson get(@PathVariable long id) {
		return json(calendars.get(id));
	}

	@PostMapping("/api/v1/calendars")
	@PreAuthorize("hasAuthority('sla.manage')")
	@Operation(summary = "Add a calendar")
	ResponseEntity<CalendarJson> create(@RequestBody CalendarRequest request, Actor actor) {
		long id = calendars.create(input(request), actor);
		return ResponseEntity.created(URI.create("/api/v1/calendars/" + id)).body(json(calendars.get(id)));
	}

	@PutMapping("/api/v1/calendars/{id}")
	@PreAuthorize("hasAuthority('sla.manage')")
	@Operation(summary = "Change a calendar; days or teams left out stay as they are")
	CalendarJson update(@PathVariable long id, @RequestBody CalendarRequest request, Actor actor) {
		calendars.update(id, input(request), actor);
		return json(calendars.get(id));
	}

	@DeleteMapping("/api/v1/calendars/{id}")
	@PreAuthorize("hasAuthority('sla.manage')")
	@Operation(summary = "Remove a calendar (not the default); its teams fall back to the default")
	ResponseEntity<Void> delete(@PathVariable long id, Actor actor) {
		calendars.delete(id, actor);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/api/v1/calendars/{id}/days/{date}")
	@PreAuthorize("hasAuthority('sla.manage')")
	@Operation(summary = "Mark a date as a holiday or a make-up working day")
	CalendarJson putDay(@PathVariable long id, @PathVariable LocalDate date, @RequestBody Day day, Actor actor) {
		calendars.putDay(id, new SpecialDay(date, kind(day.kind()), day.name()), actor);
		return json(calendars.get(id));
	}

	@DeleteMapping("/api/v1/calendars/{id}/days/{date}")
	@PreAuthorize("hasAuthority('sla.manage')")
	@Operation(summary = "Make a date an ordinary day of its weekday again")
	ResponseEntity<Void> removeDay(@PathVariable long id, @PathVariable LocalDate date, Actor actor) {
		calendars.removeDay(id, date, actor);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/api/v1/calendars/{id}/import", consumes = { "text/calendar", MediaType.TEXT_PLAIN_VALUE,
			MediaType.APPLICATION_OCTET_STREAM_VALUE })
	@PreAuthorize("hasAuthority('sla.manage')")
	@Operation(summary = "Import holidays and make-up working days from an iCalendar file (the body)")
	ImportResult importICalendar(@PathVariable long id, @RequestBody byte[] file, Actor actor) throws IOException {
		return calendars.importICalendar(id, new ByteArrayInputStream(file), actor);
	}

	@PostMapping("/api/v1/calendars/{id}/business-time")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "The working time between two moments by this calendar, in seconds")
	BusinessTime businessTime(@PathVariable long id, @RequestBody Span span) {
		if (span.from() == null || span.to() == null) {
			throw new InvalidInputException("calendar.business-time-needs-both");
		}
		var time = calendars.businessTime(id, span.from(), span.to());
		return new BusinessTime(id, span.from(), span.to(), time.toSeconds(), time.toString());
	}

	static CalendarInput input(CalendarRequest r) {
		Map<DayOfWeek, List<Interval>> hours = new EnumMap<>(DayOfWeek.class);
		if (r.hours() != null) {
			r.hours().forEach((day, list) -> {
				DayOfWeek d;
				try {
					d = DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT));
				}
				catch (IllegalArgumentException e) {
					throw new InvalidInputException("calendar.weekday-unknown", day);
				}
				hours.put(d, Calendars.parseHours(list == null ? "" : String.join(",", list)));
			});
		}
		List<SpecialDay> days = null;
		if (r.days() != null) {
			days = new ArrayList<>();
			for (Day day : r.days()) {
				if (day == null || day.date() == null) {
					throw new InvalidInputException("calendar.day-invalid");
				}
				days.add(new SpecialDay(day.date(), kind(day.kind()), day.name()));
			}
		}
		return new CalendarInput(r.name(), r.timeZone(), hours, days, r.teams(), r.makeDefault(), r.note());
	}

	static SpecialDay.Kind kind(String kind) {
		try {
			return SpecialDay.Kind.ofCode(kind == null ? "" : kind.strip());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("calendar.day-invalid");
		}
	}

	static CalendarJson json(CalendarView v) {
		Map<String, List<String>> hours = new LinkedHashMap<>();
		for (DayOfWeek d : DayOfWeek.values()) {
			hours.put(d.name().toLowerCase(Locale.ROOT),
					v.hours().getOrDefault(d, List.of()).stream().map(Interval::toString).toList());
		}
		List<Day> days = v.days().stream().map(d -> new Day(d.day(), d.kind().code(), d.name())).toList();
		return new CalendarJson(v.id(), v.name(), v.timeZone(), v.defaultCalendar(), v.note(), hours, days, v.teams(),
				v.updatedAt());
	}
}
