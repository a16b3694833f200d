package org.kefu.routing.web;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.kefu.agentstate.AgentState;
import org.kefu.agentstate.AgentStates;
import org.kefu.identity.Teams;
import org.kefu.routing.Routing;
import org.kefu.routing.Routing.OfferView;
import org.kefu.shared.Actor;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The supervisors' queue board, and the buttons of an offer card on an agent's page. */
@Controller
class QueuePages {

	private final Routing routing;
	private final AgentStates states;
	private final Teams teams;
	private final org.kefu.ticket.BusinessTypes businessTypes;
	private final Clock clock;

	QueuePages(Routing routing, AgentStates states, Teams teams, org.kefu.ticket.BusinessTypes businessTypes,
			Clock clock) {
		this.routing = routing;
		this.states = states;
		this.teams = teams;
		this.businessTypes = businessTypes;
		this.clock = clock;
	}

	@GetMapping("/queues")
	String board(Model model) {
		fill(model);
		return "routing/queues";
	}

	@GetMapping("/queues/board")
	String rows(Model model) {
		fill(model);
		return "routing/queues :: board";
	}

	private void fill(Model model) {
		model.addAttribute("queues", routing.queues());
		model.addAttribute("waiting", routing.waiting(100));
		Map<String, Integer> byState = new java.util.LinkedHashMap<>();
		for (AgentState s : AgentState.values()) {
			byState.put(s.code(), 0);
		}
		states.all().forEach(s -> byState.merge(s.state().code(), 1, Integer::sum));
		model.addAttribute("byState", byState);
		model.addAttribute("online", states.all().stream().filter(s -> s.state() == AgentState.ONLINE).toList());
		Map<Long, String> names = new HashMap<>();
		teams.all().forEach(t -> names.put(t.id().value(), t.name()));
		model.addAttribute("teamNames", names);
		Map<Long, String> agentNames = new HashMap<>();
		states.all().forEach(s -> agentNames.put(s.user(), s.name()));
		model.addAttribute("agentNames", agentNames);
		model.addAttribute("now", clock.instant());
		Map<String, String> typeNames = new HashMap<>();
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		businessTypes.all().forEach(t -> typeNames.put(t.code(), t.name(locale)));
		model.addAttribute("typeNames", typeNames);
	}

	@PostMapping("/queues/items/{id}/assign")
	String assign(@PathVariable long id, @RequestParam long agent, Actor actor, RedirectAttributes redirect) {
		routing.assign(id, agent, actor);
		redirect.addFlashAttribute("notice", "routing.moved");
		return "redirect:/queues";
	}

	@PostMapping("/routing/offers/{id}/accept")
	@ResponseBody
	OfferView accept(@PathVariable long id, Actor actor) {
		return routing.accept(id, actor);
	}

	@PostMapping("/routing/offers/{id}/decline")
	ResponseEntity<Void> decline(@PathVariable long id, Actor actor) {
		routing.decline(id, actor);
		return ResponseEntity.noContent().build();
	}
}
