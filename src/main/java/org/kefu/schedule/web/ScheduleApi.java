package org.kefu.schedule.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.schedule.ScheduleSolving;
import org.kefu.schedule.ScheduleSolving.Progress;
import org.kefu.schedule.Schedules;
import org.kefu.schedule.Schedules.BrokenRule;
import org.kefu.schedule.Schedules.Interval;
import org.kefu.schedule.Schedules.ScheduleInput;
import org.kefu.schedule.Schedules.Shift;
import org.kefu.schedule.Schedules.Summary;
import org.kefu.schedule.ShiftPatterns;
import org.kefu.schedule.ShiftPatterns.Pattern;
import org.kefu.schedule.TimeOff;
import org.kefu.schedule.TimeOff.Entry;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shift patterns, schedules, solving, publishing, time off and an agent's own shifts over the API. */
@RestController
@Tag(name = "Workforce", description = "History, forecasts, staffing with Erlang C and A, schedules")
class ScheduleApi {

	private final Schedules schedules;
	private final ScheduleSolving solving;
	private final ShiftPatterns patterns;
	private final TimeOff timeOff;

	ScheduleApi(Schedules schedules, ScheduleSolving solving, ShiftPatterns patterns, TimeOff timeOff) {
		this.schedules = schedules;
		this.solving = solving;
		this.patterns = patterns;
		this.timeOff = timeOff;
	}

	/** A schedule with its progress while solving, intervals, shifts and broken rules. */
	record ScheduleJson(Summary schedule, Progress progress, List<Interval> intervals, List<Shift> shifts,
			List<BrokenRule> broken) {
	}

	record SolveRequest(Integer seconds) {
	}

	record ShiftRequest(Long pattern, Boolean pinned) {
	}

	record PatternRequest(String code, String nameZh, String nameEn, String kind, String hours, Integer breakMinutes,
			Boolean flexOnly, Boolean active) {
	}

	record TimeOffRequest(Long user, LocalDate startsOn, LocalDate endsOn, String kind, String note) {
	}

	@GetMapping("/api/v1/workforce/patterns")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Shift patterns: early, middle, late, night, split and flexible shifts")
	List<Pattern> patterns() {
		return patterns.all();
	}

	@PostMapping("/api/v1/workforce/patterns")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Add a shift pattern (hours like 08:00-17:00, or 09:00-13:00 17:00-21:00 for a split shift)")
	ResponseEntity<Pattern> addPattern(@RequestBody PatternRequest request) {
		long id = patterns.save(null, request.code(), request.nameZh(), request.nameEn(), request.kind(), request.hours(),
				request.breakMinutes() == null ? 60 : request.breakMinutes(), Boolean.TRUE.equals(request.flexOnly()),
				!Boolean.FALSE.equals(request.active()));
		return ResponseEntity.created(URI.create("/api/v1/workforce/patterns/" + id)).body(patterns.get(id));
	}

	@PutMapping("/api/v1/workforce/patterns/{id}")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Change a shift pattern or switch it off")
	Pattern updatePattern(@PathVariable long id, @RequestBody PatternRequest request) {
		Pattern before = patterns.get(id);
		patterns.save(id, request.code() == null ? before.code() : request.code(),
				request.nameZh() == null ? before.nameZh() : request.nameZh(),
				request.nameEn() == null ? before.nameEn() : request.nameEn(),
				request.kind() == null ? before.kind() : request.kind(),
				request.hours() == null ? before.hours() : request.hours(),
				request.breakMinutes() == null ? before.breakMinutes() : request.breakMinutes(),
				request.flexOnly() == null ? before.flexOnly() : request.flexOnly(),
				request.active() == null ? before.active() : request.active());
		return patterns.get(id);
	}

	@PostMapping("/api/v1/workforce/schedules")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Make a schedule for a team from forecasts and targets; ?solve=seconds starts solving at once")
	ResponseEntity<ScheduleJson> create(@RequestBody ScheduleInput input,
			@RequestParam(required = false) Integer solve, Actor actor) {
		long id = schedules.create(input, actor);
		if (solve != null) {
			solving.solve(id, solve);
		}
		return ResponseEntity.created(URI.create("/api/v1/workforce/schedules/" + id)).body(json(id));
	}

	@GetMapping("/api/v1/workforce/schedules")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Schedules, latest first")
	List<Summary> all() {
		return schedules.all();
	}

	@GetMapping("/api/v1/workforce/schedules/{id}")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "A schedule: status and progress (score, coverage, seconds) while solving, required vs scheduled per interval, shifts, broken rules")
	ScheduleJson get(@PathVariable long id) {
		return json(id);
	}

	@PostMapping("/api/v1/workforce/schedules/{id}/solve")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Solve in the background for at most the given seconds (60); pinned days stay")
	ResponseEntity<ScheduleJson> solve(@PathVariable long id, @RequestBody(required = false) SolveRequest request) {
		solving.solve(id, request == null ? null : request.seconds());
		return ResponseEntity.accepted().body(json(id));
	}

	@PostMapping("/api/v1/workforce/schedules/{id}/stop")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Stop solving; the best schedule so far is kept")
	ResponseEntity<Void> stop(@PathVariable long id) {
		solving.stop(id);
		return ResponseEntity.accepted().build();
	}

	@PutMapping("/api/v1/workforce/schedules/{id}/shifts/{user}/{day}")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Set an agent's day by hand (pattern, or none for a day off) and pin it so solving keeps it")
	ScheduleJson setShift(@PathVariable long id, @PathVariable long user, @PathVariable LocalDate day,
			@RequestBody ShiftRequest request) {
		schedules.setShift(id, user, day, request.pattern(), !Boolean.FALSE.equals(request.pinned()));
		return json(id);
	}

	@PostMapping("/api/v1/workforce/schedules/{id}/publish")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Publish: every agent with a shift is told and sees their own shifts")
	ScheduleJson publish(@PathVariable long id, Actor actor) {
		schedules.publish(id, actor);
		return json(id);
	}

	@DeleteMapping("/api/v1/workforce/schedules/{id}")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Delete a schedule")
	ResponseEntity<Void> delete(@PathVariable long id) {
		schedules.delete(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/workforce/time-off")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Leave and wishes between two days")
	List<Entry> timeOff(@RequestParam LocalDate from, @RequestParam LocalDate to) {
		return timeOff.between(from, to, null);
	}

	@PostMapping("/api/v1/workforce/time-off")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Enter approved leave (kind leave) or a wish (kind wish) for an agent")
	ResponseEntity<Map<String, Long>> addTimeOff(@RequestBody TimeOffRequest request, Actor actor) {
		if (request.user() == null) {
			throw new InvalidInputException("schedule.time-off-user");
		}
		long id = timeOff.add(request.user(), request.startsOn(), request.endsOn(), request.kind(), request.note(), actor);
		return ResponseEntity.created(URI.create("/api/v1/workforce/time-off/" + id)).body(Map.of("id", id));
	}

	@DeleteMapping("/api/v1/workforce/time-off/{id}")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Remove leave or a wish")
	ResponseEntity<Void> removeTimeOff(@PathVariable long id) {
		timeOff.remove(id, null);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/me/shifts")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "My published shifts from a day (today) for some days (28)")
	List<Shift> myShifts(Actor me, @RequestParam(required = false) LocalDate from,
			@RequestParam(defaultValue = "28") int days) {
		LocalDate start = from == null ? LocalDate.now() : from;
		return schedules.shiftsOf(me.userId(), start, start.plusDays(Math.max(1, Math.min(days, 92)) - 1));
	}

	@PostMapping("/api/v1/me/wishes")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Wish for a day (or days) off; the solver keeps wishes when the queue allows")
	ResponseEntity<Map<String, Long>> wish(@RequestBody TimeOffRequest request, Actor actor) {
		long id = timeOff.add(actor.userId(), request.startsOn(), request.endsOn(), "wish", request.note(), actor);
		return ResponseEntity.created(URI.create("/api/v1/me/wishes/" + id)).body(Map.of("id", id));
	}

	private ScheduleJson json(long id) {
		return new ScheduleJson(schedules.get(id), solving.progress(id).orElse(null), schedules.intervals(id),
				schedules.shifts(id), schedules.broken(id));
	}
}
