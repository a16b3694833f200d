package org.kefu.chat;

import java.time.Instant;

/** A line of a chat; {@code clientId} is the sender's own id for it, by which a resend is recognised. */
public record ChatMessage(long id, String author, String authorName, String clientId, String body, Instant at) {
}
