package org.kefu.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Which agents have the chat console open: the console checks in every few seconds, and an agent
 * not heard from for {@value #STALE_SECONDS} seconds is away. Kept in this node's memory.
 */
@Component
class ChatPresence {

	static final int STALE_SECONDS = 30;

	private final Map<Long, Instant> seen = new ConcurrentHashMap<>();
	private final Clock clock;

	ChatPresence(Clock clock) {
		this.clock = clock;
	}

	void checkIn(long agent) {
		seen.put(agent, clock.instant());
	}

	void leave(long agent) {
		seen.remove(agent);
	}

	List<Long> present() {
		Instant since = clock.instant().minus(Duration.ofSeconds(STALE_SECONDS));
		seen.values().removeIf(at -> at.isBefore(since));
		return List.copyOf(seen.keySet());
	}
}
