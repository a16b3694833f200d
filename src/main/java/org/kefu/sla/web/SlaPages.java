package org.kefu.sla.web;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kefu.calendar.Calendars;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.sla.SlaClocks;
import org.kefu.sla.SlaPolicies;
import org.kefu.sla.SlaPolicies.PolicyInput;
import org.kefu.sla.SlaDurations;
import org.kefu.sla.SlaPolicy;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.Channel;
import org.kefu.ticket.Priority;
import org.kefu.ticket.TicketId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ticket's SLA panel and the SLA policy pages (Settings → SLA policies). */
@Controller
class SlaPages {

	private final SlaClocks clocks;
	private final SlaPolicies policies;
	private final Calendars calendars;
	private final BusinessTypes businessTypes;

	SlaPages(SlaClocks clocks, SlaPolicies policies, Calendars calendars, BusinessTypes businessTypes) {
		this.clocks = clocks;
		this.policies = policies;
		this.calendars = calendars;
		this.businessTypes = businessTypes;
	}

	@GetMapping("/tickets/{id}/sla")
	String ticketClocks(@PathVariable long id, Model model) {
		model.addAttribute("ticketId", id);
		model.addAttribute("clocks", clocks.of(new TicketId(id)));
		return "sla/clocks :: clocks";
	}

	@GetMapping("/admin/sla")
	String list(Model model) {
		model.addAttribute("policies", policies.all());
		addChoices(model);
		return "sla/policies";
	}

	@GetMapping("/admin/sla/{id}")
	String edit(@PathVariable long id, Model model) {
		model.addAttribute("policy", policies.get(id));
		addChoices(model);
		return "sla/policy";
	}

	@PostMapping("/admin/sla")
	String create(@RequestParam Map<String, String> form, @RequestParam(required = false) List<String> channels,
			@RequestParam(required = false) List<String> businessTypes,
			@RequestParam(required = false) List<String> priorities, @RequestParam(required = false) List<Integer> grades,
			Actor actor, RedirectAttributes redirect) {
		policies.create(input(form, channels, businessTypes, priorities, grades), actor);
		redirect.addFlashAttribute("notice", "sla.policy-created");
		return "redirect:/admin/sla";
	}

	@PostMapping("/admin/sla/{id}")
	String update(@PathVariable long id, @RequestParam Map<String, String> form,
			@RequestParam(required = false) List<String> channels,
			@RequestParam(required = false) List<String> businessTypes,
			@RequestParam(required = false) List<String> priorities, @RequestParam(required = false) List<Integer> grades,
			Actor actor, RedirectAttributes redirect) {
		policies.update(id, input(form, channels, businessTypes, priorities, grades), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/sla";
	}

	@PostMapping("/admin/sla/{id}/delete")
	String delete(@PathVariable long id, Actor actor, RedirectAttributes redirect) {
		policies.delete(id, actor);
		redirect.addFlashAttribute("notice", "sla.policy-deleted");
		return "redirect:/admin/sla";
	}

	private void addChoices(Model model) {
		model.addAttribute("channels", Arrays.stream(Channel.values()).map(Channel::code).toList());
		model.addAttribute("priorities", Arrays.stream(Priority.values()).map(Priority::code).toList());
		model.addAttribute("businessTypes", businessTypes.all());
		model.addAttribute("calendars", calendars.all());
		Map<Long, String> names = new HashMap<>();
		calendars.all().forEach(c -> names.put(c.id(), c.name()));
		model.addAttribute("calendarNames", names);
		model.addAttribute("typeNames", businessTypeNames());
	}

	private Map<String, org.kefu.ticket.BusinessType> businessTypeNames() {
		Map<String, org.kefu.ticket.BusinessType> names = new HashMap<>();
		businessTypes.all().forEach(t -> names.put(t.code(), t));
		return names;
	}

	/** Targets are typed as durations: 30s, 4h, 2d (working days of 7.5 hours) or plain seconds. */
	private static PolicyInput input(Map<String, String> form, List<String> channels, List<String> businessTypes,
			List<String> priorities, List<Integer> grades) {
		return new PolicyInput(form.get("name"), integer(form.get("position")), form.containsKey("active"),
				set(channels), set(businessTypes), set(priorities), grades == null ? Set.of() : new LinkedHashSet<>(grades),
				SlaDurations.parse(form.get("firstResponse")), SlaDurations.parse(form.get("nextResponse")),
				SlaDurations.parse(form.get("resolution")), integer(form.get("warnPercent")),
				form.get("calendar") == null || form.get("calendar").isBlank() ? null : Long.valueOf(form.get("calendar")));
	}

	private static Set<String> set(List<String> values) {
		return values == null ? Set.of() : new LinkedHashSet<>(values);
	}

	private static Integer integer(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("sla.number-invalid", text);
		}
	}
}
