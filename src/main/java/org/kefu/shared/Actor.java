package org.kefu.shared;

import java.util.Objects;

/**
 * Who did something, and from where: a signed-in user with their address, or the system itself.
 *
 * @param userId  the user's id, or {@code null} for the system
 * @param name    the username, or {@code "system"}
 * @param address the client address the request came from, or {@code null} for the system
 */
public record Actor(Long userId, String name, String address) {

	private static final Actor SYSTEM = new Actor(null, "system", null);

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
}
