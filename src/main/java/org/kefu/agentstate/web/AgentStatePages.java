package org.kefu.agentstate.web;

import java.time.Clock;

import org.kefu.agentstate.AgentState;
import org.kefu.agentstate.AgentStates;
import org.kefu.identity.CurrentUser;
import org.kefu.platform.Messages;
import org.kefu.shared.Actor;
import org.kefu.shared.KefuException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The state menu in every agent's top bar (loaded into the page, changed in place) and the
 * supervisors' view of everyone's state, refreshed every few seconds.
 */
@Controller
class AgentStatePages {

	private final AgentStates states;
	private final Messages messages;
	private final Clock clock;

	AgentStatePages(AgentStates states, Messages messages, Clock clock) {
		this.states = states;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/agent-state/menu")
	@PreAuthorize("hasAuthority('ticket.reply')")
	String menu(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("mine", states.current(me.id()));
		model.addAttribute("states", AgentState.values());
		model.addAttribute("reasons", AgentState.BREAK_REASONS);
		return "agentstate/menu :: menu";
	}

	@PostMapping("/agent-state")
	@PreAuthorize("hasAuthority('ticket.reply')")
	String set(@RequestParam String state, @RequestParam(required = false) String reason, Actor actor,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		try {
			states.set(me.id(), AgentState.of(state), reason, actor);
		}
		catch (KefuException e) {
			model.addAttribute("error", messages.text(e));
		}
		return menu(me, model);
	}

	@GetMapping("/agent-states")
	@PreAuthorize("hasAuthority('ticket.assign')")
	String board(Model model) {
		model.addAttribute("agents", states.all());
		model.addAttribute("now", clock.instant());
		return "agentstate/board";
	}

	@GetMapping("/agent-states/rows")
	@PreAuthorize("hasAuthority('ticket.assign')")
	String rows(Model model) {
		model.addAttribute("agents", states.all());
		model.addAttribute("now", clock.instant());
		return "agentstate/board :: rows";
	}
}
