package org.kefu.agentstate.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.agentstate.AgentState;
import org.kefu.agentstate.AgentStates;
import org.kefu.agentstate.AgentStates.Change;
import org.kefu.agentstate.AgentStates.StateView;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.shared.Actor;
import org.kefu.shared.ForbiddenException;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Agent states over the API: one's own, everyone's for supervisors, and the changes of a day. */
@RestController
@Tag(name = "Agent states", description = "Online, busy, break, after-call work, offline; every change timestamped")
class AgentStateApi {

	private final AgentStates states;

	AgentStateApi(AgentStates states) {
		this.states = states;
	}

	@GetMapping("/api/v1/agent-states/me")
	@PreAuthorize("hasAuthority('ticket.reply')")
	@Operation(summary = "The caller's state")
	StateView mine(Actor actor) {
		return states.current(actor.userId());
	}

	record Setting(String state, String reason) {
	}

	@PutMapping("/api/v1/agent-states/me")
	@PreAuthorize("hasAuthority('ticket.reply')")
	@Operation(summary = "Set the caller's state", description = "`state`: online, busy, break, after_call, offline; "
			+ "a break needs `reason`: lunch, rest, training, meeting, coaching, other.")
	StateView set(@RequestBody Setting setting, Actor actor) {
		return states.set(actor.userId(), AgentState.of(setting.state()), setting.reason(), actor);
	}

	@PutMapping("/api/v1/agents/{user}/state")
	@PreAuthorize("hasAuthority('ticket.reply')")
	@Operation(summary = "Set an agent's state: one's own, or anyone's with `ticket.assign` (a supervisor signing out a "
			+ "forgotten console)")
	StateView setFor(@PathVariable long user, @RequestBody Setting setting, @AuthenticationPrincipal CurrentUser me,
			Actor actor) {
		if (user != me.id() && !me.can(Permission.TICKET_ASSIGN)) {
			throw new ForbiddenException("agent-state.not-yours");
		}
		return states.set(user, AgentState.of(setting.state()), setting.reason(), actor);
	}

	@GetMapping("/api/v1/agent-states")
	@PreAuthorize("hasAuthority('ticket.assign')")
	@Operation(summary = "Every agent's state, the longest in it first")
	List<StateView> all() {
		return states.all();
	}

	@GetMapping("/api/v1/agent-states/{user}/changes")
	@PreAuthorize("hasAuthority('ticket.reply')")
	@Operation(summary = "An agent's state changes in a period (default the last 24 hours)",
			description = "One's own, or anyone's with `ticket.assign`.")
	List<Change> changes(@PathVariable long user,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
			@AuthenticationPrincipal CurrentUser me) {
		if (user != me.id() && !me.can(Permission.TICKET_ASSIGN)) {
			throw new ForbiddenException("agent-state.not-yours");
		}
		Instant end = to == null ? Instant.now() : to;
		return states.history(user, from == null ? end.minus(1, ChronoUnit.DAYS) : from, end);
	}
}
