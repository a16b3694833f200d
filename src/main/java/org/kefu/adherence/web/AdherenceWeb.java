package org.kefu.adherence.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.adherence.Adherence;
import org.kefu.adherence.Handovers;
import org.kefu.identity.Teams;
import org.kefu.shared.Actor;
import org.kefu.workforce.ContactHistory;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Adherence for supervisors and team leads: live, per day, and handover notes; page and API. */
@Controller
@Tag(name = "Workforce", description = "History, forecasts, staffing with Erlang C and A, schedules")
class AdherenceWeb {

	private final Adherence adherence;
	private final Handovers handovers;
	private final Teams teams;
	private final ContactHistory history;

	AdherenceWeb(Adherence adherence, Handovers handovers, Teams teams, ContactHistory history) {
		this.adherence = adherence;
		this.handovers = handovers;
		this.teams = teams;
		this.history = history;
	}

	record HandoverRequest(Long team, String text) {
	}

	@GetMapping("/workforce/adherence")
	String page(@RequestParam(required = false) Long team,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, Model model) {
		LocalDate shown = day == null ? LocalDate.now(history.zone()) : day;
		model.addAttribute("teams", teams.all());
		model.addAttribute("team", team);
		model.addAttribute("day", shown);
		model.addAttribute("now", adherence.now(team));
		model.addAttribute("days", adherence.day(team, shown));
		model.addAttribute("notes", handovers.latest(team, 20));
		model.addAttribute("zone", history.zone());
		return "adherence/adherence";
	}

	@GetMapping("/workforce/adherence/live")
	String live(@RequestParam(required = false) Long team, Model model) {
		model.addAttribute("team", team);
		model.addAttribute("now", adherence.now(team));
		model.addAttribute("zone", history.zone());
		return "adherence/adherence :: live";
	}

	@PostMapping("/workforce/adherence/handovers")
	String write(@RequestParam(required = false) Long team, @RequestParam String text, Actor actor,
			RedirectAttributes redirect) {
		handovers.write(team, text, actor);
		redirect.addFlashAttribute("notice", "adherence.handover.saved");
		return "redirect:/workforce/adherence" + (team == null ? "" : "?team=" + team) + "#handovers";
	}

	@GetMapping("/api/v1/workforce/adherence/now")
	@ResponseBody
	@PreAuthorize("hasAuthority('workforce.view')")
	@Operation(summary = "Agents now: what their shift says, what they do, in adherence or not")
	List<Adherence.Now> now(@RequestParam(required = false) Long team) {
		return adherence.now(team);
	}

	@GetMapping("/api/v1/workforce/adherence/day")
	@ResponseBody
	@PreAuthorize("hasAuthority('workforce.view')")
	@Operation(summary = "One day per agent: adherence, late log-in, early leave, breaks")
	List<Adherence.Day> day(@RequestParam(required = false) Long team,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
		return adherence.day(team, day);
	}

	@GetMapping("/api/v1/workforce/handovers")
	@ResponseBody
	@PreAuthorize("hasAuthority('workforce.view')")
	@Operation(summary = "Shift handover notes, newest first")
	List<Handovers.Note> notes(@RequestParam(required = false) Long team) {
		return handovers.latest(team, 50);
	}

	@PostMapping("/api/v1/workforce/handovers")
	@ResponseBody
	@PreAuthorize("hasAuthority('workforce.view')")
	@Operation(summary = "Write a handover note for the next shift")
	ResponseEntity<Map<String, Long>> writeNote(@RequestBody HandoverRequest request, Actor actor) {
		long id = handovers.write(request.team(), request.text(), actor);
		return ResponseEntity.created(URI.create("/api/v1/workforce/handovers/" + id)).body(Map.of("id", id));
	}
}
