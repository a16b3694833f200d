package org.kefu.live;

import java.util.Map;

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
