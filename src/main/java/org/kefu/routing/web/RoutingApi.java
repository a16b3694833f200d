package org.kefu.routing.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.agentstate.AgentState;
import org.kefu.agentstate.AgentStates;
import org.kefu.routing.Routing;
import org.kefu.routing.Routing.OfferView;
import org.kefu.routing.Routing.QueueView;
import org.kefu.routing.WorkItem;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Queues, offers and moving work, over the API. */
@RestController
@Tag(name = "Routing", description = "Queues of waiting work, offers to agents and why each went to whom")
class RoutingApi {

	private final Routing routing;
	private final AgentStates states;
	private final tools.jackson.databind.json.JsonMapper json;

	RoutingApi(Routing routing, AgentStates states, tools.jackson.databind.json.JsonMapper json) {
		this.routing = routing;
		this.states = states;
		this.json = json;
	}

	record Queues(List<QueueView> queues, Map<String, Integer> agentsByState, List<WorkItem> waiting) {
	}

	record Assign(Long agent) {
	}

	@GetMapping("/api/v1/queues")
	@PreAuthorize("hasAuthority('ticket.assign')")
	@Operation(summary = "Waiting work per team and business type (count, longest wait), agents by state, the first waiting items")
	Queues queues(@RequestParam(defaultValue = "50") int limit) {
		Map<String, Integer> byState = new LinkedHashMap<>();
		for (AgentState s : AgentState.values()) {
			byState.put(s.code(), 0);
		}
		states.all().forEach(s -> byState.merge(s.state().code(), 1, Integer::sum));
		return new Queues(routing.queues(), byState, routing.waiting(Math.max(1, Math.min(limit, 500))));
	}

	@GetMapping("/api/v1/routing/offers")
	@PreAuthorize("hasAuthority('ticket.reply')")
	@Operation(summary = "The offers standing for the caller")
	List<OfferView> mine(Actor actor) {
		return routing.offersFor(actor.userId());
	}

	@PostMapping("/api/v1/routing/offers/{id}/accept")
	@PreAuthorize("hasAuthority('ticket.reply')")
	@Operation(summary = "Take the offered work: the ticket is assigned to the caller (409 when the offer is gone)")
	OfferView accept(@PathVariable long id, Actor actor) {
		return routing.accept(id, actor);
	}

	@PostMapping("/api/v1/routing/offers/{id}/decline")
	@PreAuthorize("hasAuthority('ticket.reply')")
	@Operation(summary = "Pass the offered work to someone else")
	ResponseEntity<Void> decline(@PathVariable long id, Actor actor) {
		routing.decline(id, actor);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/routing/items/{id}/assign")
	@PreAuthorize("hasAuthority('ticket.assign')")
	@Operation(summary = "Move waiting or offered work to an agent")
	ResponseEntity<Void> assign(@PathVariable long id, @RequestBody Assign request, Actor actor) {
		if (request.agent() == null) {
			throw new InvalidInputException("routing.agent-required");
		}
		routing.assign(id, request.agent(), actor);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/tickets/{id}/routing")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "Every offer of the ticket's work: to whom, when, the outcome and why that agent")
	List<Map<String, Object>> decisions(@PathVariable long id) {
		List<Map<String, Object>> decisions = new ArrayList<>();
		for (Map<String, Object> d : routing.decisions(id)) {
			Map<String, Object> copy = new LinkedHashMap<>(d);
			copy.put("reason", json.readTree((String) d.get("reason")));
			decisions.add(copy);
		}
		return decisions;
	}
}
