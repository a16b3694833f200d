package org.kefu.live;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;

import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Service;

/** Sends a live message to one user's open pages. Nothing waits for it: a page that is closed misses it. */
@Service
public class Live {

	static final String QUEUE = "/queue/live";

	private final SimpMessagingTemplate messaging;

	Live(SimpMessagingTemplate messaging) {
		this.messaging = messaging;
	}

	/** The signed-in user a live connection belongs to; empty for a connection that is not a user's (a chat visitor's). */
	public static Optional<Long> userOf(Principal principal) {
		String prefix = LiveConfiguration.principalName(0).replace("0", "");
		if (principal == null || !principal.getName().startsWith(prefix)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Long.parseLong(principal.getName().substring(prefix.length())));
		}
		catch (NumberFormatException e) {
			return Optional.empty();
		}
	}

	/**
	 * Sends {@code {"kind": kind, …payload}} to the user's pages.
	 *
	 * @param kind what the page does with it, e.g. {@code call.ringing}
	 */
	public void push(long user, String kind, Map<String, Object> payload) {
		Map<String, Object> message = new java.util.LinkedHashMap<>();
		message.put("kind", kind);
		message.putAll(payload);
		messaging.convertAndSendToUser(LiveConfiguration.principalName(user), QUEUE, message);
	}
}
