package org.kefu.agentstate;

import java.util.Arrays;
import java.util.List;

import org.kefu.shared.InvalidInputException;

/** What an agent is doing: the states routing, adherence and the wallboard read. */
public enum AgentState {

	ONLINE("online"), BUSY("busy"), BREAK("break"), AFTER_CALL("after_call"), OFFLINE("offline");

	/** Why an agent is on a break, in the order the menu offers them. */
	public static final List<String> BREAK_REASONS = List.of("lunch", "rest", "training", "meeting", "coaching", "other");

	private final String code;

	AgentState(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static AgentState of(String code) {
		return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
			.orElseThrow(() -> new InvalidInputException("agent-state.unknown", String.valueOf(code)));
	}
}
