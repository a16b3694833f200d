package org.kefu.escalation.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.escalation.Escalations;
import org.kefu.escalation.Escalations.EscalationView;
import org.kefu.escalation.Escalations.LadderInput;
import org.kefu.escalation.Ladder;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.sla.SlaDurations;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.TicketId;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Escalation ladders: the administration page, the ticket's panel and the API. */
@Controller
@Tag(name = "Escalation", description = "Ladders for complaints and SLA breaches, and each ticket's climb")
class EscalationWeb {

	private final Escalations escalations;
	private final BusinessTypes businessTypes;

	EscalationWeb(Escalations escalations, BusinessTypes businessTypes) {
		this.escalations = escalations;
		this.businessTypes = businessTypes;
	}

	// ---- pages

	@GetMapping("/admin/escalations")
	String ladders(Model model) {
		List<Ladder> ladders = escalations.all();
		model.addAttribute("ladders", ladders);
		java.util.Map<Long, String> text = new java.util.HashMap<>();
		ladders.forEach(l -> text.put(l.id(), String.join("\n",
				l.steps().stream().map(st -> SlaDurations.format(st.afterSeconds()) + " " + st.target()).toList())));
		model.addAttribute("stepsText", text);
		model.addAttribute("businessTypes", businessTypes.all());
		return "escalation/ladders";
	}

	@PostMapping("/admin/escalations")
	String create(@RequestParam String name, @RequestParam String trigger,
			@RequestParam(required = false) List<String> businessTypes, @RequestParam String steps,
			@RequestParam(defaultValue = "false") boolean atNight, Actor actor, RedirectAttributes redirect) {
		escalations.create(new LadderInput(name, trigger, set(businessTypes), true, atNight, steps(steps)), actor);
		redirect.addFlashAttribute("notice", "escalation.created");
		return "redirect:/admin/escalations";
	}

	@PostMapping("/admin/escalations/{id}")
	String update(@PathVariable long id, @RequestParam String name, @RequestParam String trigger,
			@RequestParam(required = false) List<String> businessTypes, @RequestParam String steps,
			@RequestParam(defaultValue = "false") boolean atNight, @RequestParam(defaultValue = "false") boolean active,
			Actor actor, RedirectAttributes redirect) {
		escalations.update(id, new LadderInput(name, trigger, set(businessTypes), active, atNight, steps(steps)), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/escalations";
	}

	@GetMapping("/tickets/{id}/escalations")
	String ticket(@PathVariable long id, Model model) {
		model.addAttribute("escalations", escalations.of(new TicketId(id)));
		return "escalation/ticket :: escalations";
	}

	/** Steps as typed, one a line: {@code 30m team_lead}, {@code 2h site_supervisor}. */
	static List<Ladder.Step> steps(String text) {
		List<Ladder.Step> steps = new ArrayList<>();
		for (String line : text.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.strip().split("\\s+");
			if (parts.length != 2) {
				throw new InvalidInputException("escalation.step-unreadable", line.strip());
			}
			Integer seconds = SlaDurations.parse(parts[0]);
			steps.add(new Ladder.Step(steps.size(), seconds == null ? 0 : seconds, parts[1]));
		}
		return steps;
	}

	private static Set<String> set(List<String> values) {
		return values == null ? Set.of() : new LinkedHashSet<>(values);
	}

	// ---- API

	record LadderRequest(String name, String trigger, Set<String> businessTypes, Boolean active, Boolean atNight,
			List<StepRequest> steps) {

		LadderInput input() {
			List<Ladder.Step> list = new ArrayList<>();
			if (steps != null) {
				for (StepRequest s : steps) {
					list.add(new Ladder.Step(list.size(), s == null || s.afterSeconds() == null ? 0 : s.afterSeconds(),
							s == null ? null : s.target()));
				}
			}
			return new LadderInput(name, trigger, businessTypes, active, atNight, list);
		}
	}

	/** {@code afterSeconds}: business seconds after the start (cumulative); target: assignee, team_lead, site_supervisor, operations_manager. */
	record StepRequest(Integer afterSeconds, String target) {
	}

	@GetMapping("/api/v1/escalation-ladders")
	@PreAuthorize("hasAuthority('ticket.view')")
	@ResponseBody
	@Operation(summary = "The escalation ladders with their steps")
	List<Ladder> all() {
		return escalations.all();
	}

	@PostMapping("/api/v1/escalation-ladders")
	@PreAuthorize("hasAuthority('sla.manage')")
	@ResponseBody
	@Operation(summary = "Add a ladder: trigger complaint (with the business types that are complaints) or sla_breached")
	ResponseEntity<Ladder> add(@RequestBody LadderRequest request, Actor actor) {
		long id = escalations.create(request.input(), actor);
		return ResponseEntity.created(URI.create("/api/v1/escalation-ladders/" + id)).body(escalations.get(id));
	}

	@PutMapping("/api/v1/escalation-ladders/{id}")
	@PreAuthorize("hasAuthority('sla.manage')")
	@ResponseBody
	@Operation(summary = "Change a ladder; running climbs keep their start and take the new steps")
	Ladder change(@PathVariable long id, @RequestBody LadderRequest request, Actor actor) {
		escalations.update(id, request.input(), actor);
		return escalations.get(id);
	}

	@GetMapping("/api/v1/tickets/{id}/escalations")
	@PreAuthorize("hasAuthority('ticket.view')")
	@ResponseBody
	@Operation(summary = "The ticket's escalations: ladder, steps taken, the next target and when it is due")
	List<EscalationView> ofTicket(@PathVariable long id) {
		return escalations.of(new TicketId(id));
	}
}
