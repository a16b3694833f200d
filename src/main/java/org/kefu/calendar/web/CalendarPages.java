package org.kefu.calendar.web;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.kefu.calendar.BusinessCalendar.Interval;
import org.kefu.calendar.BusinessCalendar.SpecialDay;
import org.kefu.calendar.Calendars;
import org.kefu.calendar.Calendars.CalendarInput;
import org.kefu.calendar.Calendars.CalendarView;
import org.kefu.calendar.Calendars.ImportResult;
import org.kefu.identity.Teams;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administration pages of business calendars (Settings → Calendars). */
@Controller
class CalendarPages {

	private final Calendars calendars;
	private final Teams teams;

	CalendarPages(Calendars calendars, Teams teams) {
		this.calendars = calendars;
		this.teams = teams;
	}

	@GetMapping("/admin/calendars")
	String list(Model model) {
		model.addAttribute("calendars", calendars.all());
		model.addAttribute("teamNames", teamNames());
		model.addAttribute("weekdays", DayOfWeek.values());
		return "calendar/calendars";
	}

	@PostMapping("/admin/calendars")
	String create(@RequestParam String name, @RequestParam String timeZone, @RequestParam Map<String, String> form,
			@RequestParam(required = false) Long copyDaysFrom, Actor actor, RedirectAttributes redirect) {
		List<SpecialDay> days = copyDaysFrom == null ? null : calendars.get(copyDaysFrom).days();
		long id = calendars.create(new CalendarInput(name, timeZone, hours(form), days, null, false, null), actor);
		redirect.addFlashAttribute("notice", "calendar.created");
		return "redirect:/admin/calendars/" + id;
	}

	@GetMapping("/admin/calendars/{id}")
	String calendar(@PathVariable long id, Model model) {
		CalendarView view = calendars.get(id);
		model.addAttribute("calendar", view);
		model.addAttribute("weekdays", DayOfWeek.values());
		model.addAttribute("teams", teams.all());
		model.addAttribute("years", view.days().stream().map(d -> d.day().getYear()).distinct().sorted().toList());
		return "calendar/calendar";
	}

	@PostMapping("/admin/calendars/{id}")
	String update(@PathVariable long id, @RequestParam String name, @RequestParam String timeZone,
			@RequestParam(required = false) String note, @RequestParam(required = false) List<Long> teams,
			@RequestParam(defaultValue = "false") boolean makeDefault, @RequestParam Map<String, String> form, Actor actor,
			RedirectAttributes redirect) {
		calendars.update(id, new CalendarInput(name, timeZone, hours(form), null, teams == null ? List.of() : teams,
				makeDefault, note), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/calendars/" + id;
	}

	@PostMapping("/admin/calendars/{id}/delete")
	String delete(@PathVariable long id, Actor actor, RedirectAttributes redirect) {
		calendars.delete(id, actor);
		redirect.addFlashAttribute("notice", "calendar.deleted");
		return "redirect:/admin/calendars";
	}

	@PostMapping("/admin/calendars/{id}/days")
	String putDay(@PathVariable long id, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			@RequestParam String kind, @RequestParam(required = false) String name, Actor actor,
			RedirectAttributes redirect) {
		calendars.putDay(id, new SpecialDay(day, CalendarApi.kind(kind), name == null ? "" : name), actor);
		redirect.addFlashAttribute("notice", "calendar.day-saved");
		return "redirect:/admin/calendars/" + id + "#days-" + day.getYear();
	}

	@PostMapping("/admin/calendars/{id}/days/{day}/delete")
	String removeDay(@PathVariable long id, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			Actor actor, RedirectAttributes redirect) {
		calendars.removeDay(id, day, actor);
		redirect.addFlashAttribute("notice", "calendar.day-removed");
		return "redirect:/admin/calendars/" + id + "#days-" + day.getYear();
	}

	@PostMapping("/admin/calendars/{id}/import")
	String importICalendar(@PathVariable long id, @RequestParam("file") MultipartFile file, Actor actor,
			RedirectAttributes redirect) throws IOException {
		if (file.isEmpty()) {
			throw new InvalidInputException("calendar.ical-empty");
		}
		ImportResult result = calendars.importICalendar(id, file.getInputStream(), actor);
		redirect.addFlashAttribute("notice", "calendar.imported");
		redirect.addFlashAttribute("noticeArgs", new Object[] { result.holidays(), result.workdays(), result.skipped() });
		return "redirect:/admin/calendars/" + id;
	}

	/** The "try it" box: business time between two local moments, in the calendar's zone. */
	@GetMapping("/admin/calendars/{id}/business-time")
	String businessTime(@PathVariable long id,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to, Model model) {
		CalendarView view = calendars.get(id);
		ZoneId zone = ZoneId.of(view.timeZone());
		Duration time = calendars.businessTime(id, from.atZone(zone).toInstant(), to.atZone(zone).toInstant());
		model.addAttribute("hours", time.toHours());
		model.addAttribute("minutes", time.toMinutesPart());
		model.addAttribute("seconds", time.toSeconds());
		return "calendar/calendar :: business-time";
	}

	private static Map<DayOfWeek, List<Interval>> hours(Map<String, String> form) {
		Map<DayOfWeek, List<Interval>> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek d : DayOfWeek.values()) {
			String text = form.get("hours_" + d.name().toLowerCase());
			hours.put(d, text == null ? new ArrayList<>() : Calendars.parseHours(text));
		}
		return hours;
	}

	private Map<Long, String> teamNames() {
		Map<Long, String> names = new java.util.HashMap<>();
		teams.all().forEach(t -> names.put(t.id().value(), t.name()));
		return names;
	}
}
