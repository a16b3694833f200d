package org.kefu.schedule.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.kefu.identity.Teams;
import org.kefu.platform.SvgChart;
import org.kefu.platform.SvgChart.Series;
import org.kefu.schedule.ScheduleSolving;
import org.kefu.schedule.Schedules;
import org.kefu.schedule.Schedules.Interval;
import org.kefu.schedule.Schedules.ScheduleInput;
import org.kefu.schedule.Schedules.Shift;
import org.kefu.schedule.Schedules.Summary;
import org.kefu.schedule.ShiftPatterns;
import org.kefu.schedule.TimeOff;
import org.kefu.shared.Actor;
import org.kefu.workforce.ContactHistory;
import org.kefu.workforce.Forecasts;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Schedules for planners, and every agent's own shifts and wishes. */
@Controller
class SchedulePages {

	private final Schedules schedules;
	private final ScheduleSolving solving;
	private final ShiftPatterns patterns;
	private final TimeOff timeOff;
	private final Forecasts forecasts;
	private final ContactHistory history;
	private final Teams teams;
	private final MessageSource messages;

	SchedulePages(Schedules schedules, ScheduleSolving solving, ShiftPatterns patterns, TimeOff timeOff,
			Forecasts forecasts, ContactHistory history, Teams teams, MessageSource messages) {
		this.schedules = schedules;
		this.solving = solving;
		this.patterns = patterns;
		this.timeOff = timeOff;
		this.forecasts = forecasts;
		this.history = history;
		this.teams = teams;
		this.messages = messages;
	}

	@GetMapping("/workforce/schedules")
	String list(@RequestParam(required = false) Long forecast, Model model) {
		model.addAttribute("schedules", schedules.all());
		model.addAttribute("teams", teams.all());
		model.addAttribute("forecasts", forecasts.all());
		model.addAttribute("chosen", forecast);
		model.addAttribute("patterns", patterns.all());
		LocalDate start = forecast == null ? LocalDate.now(history.zone()).plusDays(7) : forecasts.get(forecast).startsOn();
		model.addAttribute("startsOn", start);
		LocalDate today = LocalDate.now(history.zone());
		model.addAttribute("timeOff", timeOff.between(today.minusDays(7), today.plusDays(60), null));
		Map<Long, String> people = new TreeMap<>();
		teams.overview().forEach(t -> t.members().forEach(m -> people.put(m.id().value(), m.displayName())));
		model.addAttribute("people", people);
		return "schedule/schedules";
	}

	@PostMapping("/workforce/schedules")
	String create(@RequestParam String name, @RequestParam Long team,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn,
			@RequestParam(defaultValue = "7") int days, @RequestParam(required = false) List<Long> forecasts,
			@RequestParam(defaultValue = "20") double targetAnswerSeconds, @RequestParam(defaultValue = "80") double targetPercent,
			@RequestParam(defaultValue = "30") double shrinkagePercent, @RequestParam(defaultValue = "11") int minRestHours,
			@RequestParam(defaultValue = "6") int maxDaysInRow, @RequestParam(defaultValue = "40") int maxWeeklyHours,
			@RequestParam(required = false) String flexDays, @RequestParam(defaultValue = "60") int seconds, Actor actor) {
		List<LocalDate> flex = new ArrayList<>();
		if (flexDays != null) {
			for (String part : flexDays.split("[,\\s，]+")) {
				if (!part.isBlank()) {
					try {
						flex.add(LocalDate.parse(part.strip()));
					}
					catch (java.time.format.DateTimeParseException e) {
						throw new org.kefu.shared.InvalidInputException("schedule.flex-day", part.strip());
					}
				}
			}
		}
		long id = schedules.create(new ScheduleInput(name, team, startsOn, days, forecasts, targetAnswerSeconds,
				targetPercent / 100, shrinkagePercent / 100, null, null, null, minRestHours, maxDaysInRow, maxWeeklyHours,
				flex), actor);
		solving.solve(id, seconds);
		return "redirect:/workforce/schedules/" + id;
	}

	@PostMapping("/workforce/time-off")
	String addTimeOff(@RequestParam long user, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsOn,
			@RequestParam String kind, @RequestParam(required = false) String note, Actor actor, RedirectAttributes redirect) {
		timeOff.add(user, startsOn, endsOn, kind, note, actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/workforce/schedules#time-off";
	}

	@PostMapping("/workforce/time-off/{id}/delete")
	String removeTimeOff(@PathVariable long id, RedirectAttributes redirect) {
		timeOff.remove(id, null);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/workforce/schedules#time-off";
	}

	@GetMapping("/workforce/schedules/{id}")
	String schedule(@PathVariable long id, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			Model model) {
		Summary schedule = schedules.get(id);
		LocalDate shown = day == null || day.isBefore(schedule.startsOn()) || day.isAfter(schedule.endsOn())
				? schedule.startsOn() : day;
		model.addAttribute("schedule", schedule);
		model.addAttribute("progress", solving.progress(id).orElse(null));
		List<LocalDate> days = new ArrayList<>();
		for (int i = 0; i < schedule.days(); i++) {
			days.add(schedule.startsOn().plusDays(i));
		}
		model.addAttribute("days", days);
		Map<Long, String> names = new TreeMap<>();
		Map<String, Shift> grid = new LinkedHashMap<>();
		for (Shift shift : schedules.shifts(id)) {
			names.put(shift.user(), shift.name());
			grid.put(shift.user() + "/" + shift.day(), shift);
		}
		teams.members(new org.kefu.identity.TeamId(schedule.team()))
			.forEach(m -> names.putIfAbsent(m.id().value(), m.displayName()));
		model.addAttribute("names", names);
		model.addAttribute("grid", grid);
		model.addAttribute("patterns", patterns.all());
		model.addAttribute("patternNames", patternNames());
		model.addAttribute("broken", schedules.broken(id));
		model.addAttribute("zone", ZoneId.of(schedule.timeZone()));
		model.addAttribute("shown", shown);
		model.addAttribute("chart", chart(schedule, shown));
		return "schedule/schedule";
	}

	/** The progress box alone, polled while solving. */
	@GetMapping("/workforce/schedules/{id}/progress")
	String progress(@PathVariable long id, Model model, jakarta.servlet.http.HttpServletResponse response) {
		Summary schedule = schedules.get(id);
		if (!schedule.status().equals("solving")) {
			// Solved: the whole page shows the new shifts, chart and broken rules.
			response.setHeader("HX-Refresh", "true");
		}
		model.addAttribute("schedule", schedule);
		model.addAttribute("progress", solving.progress(id).orElse(null));
		return "schedule/schedule :: progress";
	}

	@PostMapping("/workforce/schedules/{id}/solve")
	String solve(@PathVariable long id, @RequestParam(defaultValue = "60") int seconds) {
		solving.solve(id, seconds);
		return "redirect:/workforce/schedules/" + id;
	}

	@PostMapping("/workforce/schedules/{id}/stop")
	String stop(@PathVariable long id) {
		solving.stop(id);
		return "redirect:/workforce/schedules/" + id;
	}

	@PostMapping("/workforce/schedules/{id}/publish")
	String publish(@PathVariable long id, Actor actor, RedirectAttributes redirect) {
		schedules.publish(id, actor);
		redirect.addFlashAttribute("notice", "schedule.published.notice");
		return "redirect:/workforce/schedules/" + id;
	}

	@PostMapping("/workforce/schedules/{id}/shift")
	String setShift(@PathVariable long id, @RequestParam long user,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			@RequestParam(required = false) Long pattern, @RequestParam(defaultValue = "false") boolean pinned,
			RedirectAttributes redirect) {
		schedules.setShift(id, user, day, pattern, pinned);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/workforce/schedules/" + id + "?day=" + day;
	}

	@PostMapping("/workforce/schedules/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		schedules.delete(id);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/workforce/schedules";
	}

	@GetMapping("/my/shifts")
	String mine(Actor actor, Model model) {
		LocalDate today = LocalDate.now(history.zone());
		model.addAttribute("shifts", schedules.shiftsOf(actor.userId(), today.minusDays(7), today.plusDays(42)));
		model.addAttribute("wishes", timeOff.between(today.minusDays(7), today.plusDays(90), actor.userId()));
		model.addAttribute("zone", history.zone());
		model.addAttribute("today", today);
		model.addAttribute("patternNames", patternNames());
		return "schedule/mine";
	}

	@PostMapping("/my/wishes")
	String wish(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsOn,
			@RequestParam(required = false) String note, Actor actor, RedirectAttributes redirect) {
		timeOff.add(actor.userId(), startsOn, endsOn, "wish", note, actor);
		redirect.addFlashAttribute("notice", "schedule.wish.saved");
		return "redirect:/my/shifts";
	}

	@PostMapping("/my/wishes/{id}/delete")
	String removeWish(@PathVariable long id, Actor actor, RedirectAttributes redirect) {
		timeOff.remove(id, actor.userId());
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/my/shifts";
	}

	private Map<Long, String> patternNames() {
		Locale locale = LocaleContextHolder.getLocale();
		Map<Long, String> names = new java.util.HashMap<>();
		patterns.all().forEach(p -> names.put(p.id(), p.name(locale)));
		return names;
	}

	private String chart(Summary schedule, LocalDate day) {
		Locale locale = LocaleContextHolder.getLocale();
		ZoneId zone = ZoneId.of(schedule.timeZone());
		List<Interval> intervals = schedules.intervals(schedule.id()).stream()
			.filter(i -> i.start().atZone(zone).toLocalDate().equals(day)).toList();
		List<String> labels = new ArrayList<>();
		double[] required = new double[intervals.size()];
		double[] scheduled = new double[intervals.size()];
		for (int i = 0; i < intervals.size(); i++) {
			ZonedDateTime at = intervals.get(i).start().atZone(zone);
			labels.add(at.getMinute() == 0 && at.getHour() % 3 == 0 ? at.getHour() + ":00" : "");
			required[i] = intervals.get(i).required();
			scheduled[i] = intervals.get(i).scheduled();
		}
		return SvgChart.render(messages.getMessage("schedule.chart", new Object[] { day }, locale), labels,
				List.of(new Series(messages.getMessage("workforce.agents-required", null, locale), required, true, "#2b8a3e"),
						new Series(messages.getMessage("schedule.scheduled", null, locale), scheduled, false, "#862e9c")),
				900, 240);
	}
}
