package org.kefu.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Who did something, and from where: a signed-in user with their address, or the system itself.
 *
 * @param userId  the user's id, or {@code null} for the system
 * @param name    the username, or {@code "system"}
 * @param address the client address the request came from, or {@code null} for the system
 */
public record Actor(Long userId, String name, String address) {

	private static final Actor SYSTEM = new Actor(null, "system", null);
	private static final String RULE = "rule:";

	public Actor {
		Objects.requireNonNull(name, "name");
	}

	public static Actor system() {
		return SYSTEM;
	}

	public static Actor user(long userId, String name, String address) {
		return new Actor(userId, name, address);
	}

	public boolean isSystem() {
		return userId == null;
	}

	/**
	 * An automation rule acting: named by the rule, its address the chain of rules that led to it
	 * ({@code rule:3,7}: rule 3 acted, which made rule 7 act), so that a loop can be seen and stopped.
	 */
	public static Actor rule(String ruleName, List<Long> chain) {
		return new Actor(null, ruleName, RULE + chain.stream().map(String::valueOf).collect(Collectors.joining(",")));
	}

	/** The chain of rules behind this actor, first to last; empty for people and the system. */
	public List<Long> rules() {
		if (address == null || !address.startsWith(RULE)) {
			return List.of();
		}
		return Arrays.stream(address.substring(RULE.length()).split(",")).filter(s -> !s.isBlank())
			.map(Long::valueOf).toList();
	}
}
