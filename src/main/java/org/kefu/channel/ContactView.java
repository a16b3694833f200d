package org.kefu.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A contact on a ticket: a call, an IM conversation.
 *
 * @param channel {@code phone}, {@code im}, …
 * @param source the integration's source (e.g. {@code pbx}, {@code wechat})
 * @param status for calls {@code ringing}, {@code answered}, {@code ended}, {@code abandoned};
 *        for messages {@code open}
 * @param durationSeconds from answer (or start) to end, once ended
 * @param data what else the channel told: IVR choice, transfers, the recording, message counts
 */
public record ContactView(long id, Long ticket, String channel, String source, String externalId, String direction,
		String status, Long agent, Instant startedAt, Instant answeredAt, Instant endedAt, Long durationSeconds,
		Map<String, Object> data) {

	/** Seconds from answer (or start) to end, once ended. */
	static Long duration(Instant startedAt, Instant answeredAt, Instant endedAt) {
		if (endedAt == null) {
			return null;
		}
		return Duration.between(answeredAt != null ? answeredAt : startedAt, endedAt).toSeconds();
	}
}
