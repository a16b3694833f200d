package org.kefu.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.kefu.shared.KefuException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most {@code kefu.chat.per-address} chats or offline messages from one address in ten minutes
 * (30 by default — mobile networks put many people behind one address): every chat opens or
 * continues a ticket, and a script must not flood the queue.
 * Counted in this node's memory.
 */
@Component
public class VisitorLimits {

	private static final Duration PERIOD = Duration.ofMinutes(10);

	private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();
	private final Clock clock;
	private final int perAddress;

	VisitorLimits(Clock clock, @Value("${kefu.chat.per-address:30}") int perAddress) {
		this.clock = clock;
		this.perAddress = perAddress;
	}

	/** Counts one more from this address, or refuses with 429 when it has had its share. */
	public void count(String address) {
		Instant now = clock.instant();
		Deque<Instant> times = recent.computeIfAbsent(address == null ? "unknown" : address, a -> new ArrayDeque<>());
		synchronized (times) {
			while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(PERIOD))) {
				times.pollFirst();
			}
			if (times.size() >= perAddress) {
				throw new TooMany(PERIOD.toMinutes());
			}
			times.addLast(now);
		}
		if (recent.size() > 10_000) {
			recent.entrySet().removeIf(e -> e.getValue().isEmpty());
		}
	}

	static final class TooMany extends KefuException {

		TooMany(long minutes) {
			super("chat.too-many", minutes);
		}

		@Override
		public int status() {
			return 429;
		}
	}
}
