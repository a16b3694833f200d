package org.kefu.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.kefu.shared.KefuException;

/**
 * At most so many requests from one client address in a period, for what the public may call
 * without signing in. Counted in this node's memory; refused with 429 and the given message code
 * (whose argument is the period in minutes).
 */
public final class AddressLimits {

	private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();
	private final Clock clock;
	private final Duration period;
	private final int perAddress;
	private final String code;

	public AddressLimits(Clock clock, Duration period, int perAddress, String code) {
		this.clock = clock;
		this.period = period;
		this.perAddress = perAddress;
		this.code = code;
	}

	/** Counts one more from this address, or refuses with 429 when it has had its share. */
	public void count(String address) {
		Instant now = clock.instant();
		Deque<Instant> times = recent.computeIfAbsent(address == null ? "unknown" : address, a -> new ArrayDeque<>());
		synchronized (times) {
			while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(period))) {
				times.pollFirst();
			}
			if (times.size() >= perAddress) {
				throw new TooMany(code, period.toMinutes());
			}
			times.addLast(now);
		}
		if (recent.size() > 10_000) {
			recent.entrySet().removeIf(e -> e.getValue().isEmpty());
		}
	}

	static final class TooMany extends KefuException {

		TooMany(String code, long minutes) {
			super(code, minutes);
		}

		@Override
		public int status() {
			return 429;
		}
	}
}
