package org.kefu.chat;

import java.time.Clock;
import java.time.Duration;

import org.kefu.platform.AddressLimits;

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

	private final AddressLimits limits;

	VisitorLimits(Clock clock, @Value("${kefu.chat.per-address:30}") int perAddress) {
		this.limits = new AddressLimits(clock, Duration.ofMinutes(10), perAddress, "chat.too-many");
	}

	/** Counts one more from this address, or refuses with 429 when it has had its share. */
	public void count(String address) {
		limits.count(address);
	}
}
