package org.kefu.chat;

import java.time.Instant;
import java.util.UUID;

/** A chat as the console shows it; {@code team} is the team it waits for after a hand-over, or null. */
public record ChatView(long id, UUID publicId, String status, String visitorName, String visitorEmail,
		long customer, long ticket, long ticketNumber, Long agent, String language, String pageUrl, Instant createdAt,
		Instant acceptedAt, Instant endedAt, int position, Long team) {
}
