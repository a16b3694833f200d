package org.kefu.sla.web;

import java.net.URI;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.shared.Actor;
import org.kefu.sla.SlaClocks;
import org.kefu.sla.SlaClocks.ClockView;
import org.kefu.sla.SlaPolicies;
import org.kefu.sla.SlaPolicies.PolicyInput;
import org.kefu.sla.SlaPolicy;
import org.kefu.ticket.TicketId;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** SLA clocks of a ticket and the SLA policies over the API. */
@RestController
@Tag(name = "SLA", description = "Service-level policies and each ticket's clocks in business time")
class SlaApi {

	private final SlaClocks clocks;
	private final SlaPolicies policies;

	SlaApi(SlaClocks clocks, SlaPolicies policies) {
		this.clocks = clocks;
		this.policies = policies;
	}

	/** Targets in business seconds; empty condition lists hold for every ticket. */
	record PolicyRequest(String name, Integer position, Boolean active, Set<String> channels, Set<String> businessTypes,
			Set<String> priorities, Set<Integer> grades, Integer firstResponseSeconds, Integer nextResponseSeconds,
			Integer resolutionSeconds, Integer warnPercent, Long calendar) {

		PolicyInput input() {
			return new PolicyInput(name, position, active, channels, businessTypes, priorities, grades,
					firstResponseSeconds, nextResponseSeconds, resolutionSeconds, warnPercent, calendar);
		}
	}

	@GetMapping("/api/v1/tickets/{id}/sla")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "The ticket's SLA clocks: target, business time elapsed, paused, warned, breached, due")
	List<ClockView> clocks(@PathVariable long id) {
		return clocks.of(new TicketId(id));
	}

	@GetMapping("/api/v1/sla-policies")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "The SLA policies in the order they are tried")
	List<SlaPolicy> all() {
		return policies.all();
	}

	@GetMapping("/api/v1/sla-policies/{id}")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "One SLA policy")
	SlaPolicy get(@PathVariable long id) {
		return policies.get(id);
	}

	@PostMapping("/api/v1/sla-policies")
	@PreAuthorize("hasAuthority('sla.manage')")
	@Operation(summary = "Add an SLA policy; it applies to tickets opened from now on")
	ResponseEntity<SlaPolicy> create(@RequestBody PolicyRequest request, Actor actor) {
		long id = policies.create(request.input(), actor);
		return ResponseEntity.created(URI.create("/api/v1/sla-policies/" + id)).body(policies.get(id));
	}

	@PutMapping("/api/v1/sla-policies/{id}")
	@PreAuthorize("hasAuthority('sla.manage')")
	@Operation(summary = "Change an SLA policy; running clocks keep their targets until their ticket changes")
	SlaPolicy update(@PathVariable long id, @RequestBody PolicyRequest request, Actor actor) {
		policies.update(id, request.input(), actor);
		return policies.get(id);
	}

	@DeleteMapping("/api/v1/sla-policies/{id}")
	@PreAuthorize("hasAuthority('sla.manage')")
	@Operation(summary = "Remove an SLA policy")
	ResponseEntity<Void> delete(@PathVariable long id, Actor actor) {
		policies.delete(id, actor);
		return ResponseEntity.noContent().build();
	}
}
