package org.kefu.channel;

import java.time.Instant;

/**
 * An agent's part in a call changed: {@code answered} (they are on it) or {@code ended} (they hung
 * up). Published in the transaction that records the call event; agent states follow it.
 */
public record CallHandled(long agent, String callId, String what, Instant at) {

	public boolean answered() {
		return what.equals("answered");
	}
}
