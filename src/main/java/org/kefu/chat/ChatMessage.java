package org.kefu.chat;

import java.time.Instant;

/**
 * A line of a chat; {@code clientId} is the sender's own id for it, by which a resend is recognised.
 *
 * @param file the file the line carries, or null
 */
public record ChatMessage(long id, String author, String authorName, String clientId, String body, Instant at,
		ChatFile file) {

	/** A file sent in a chat, as both sides see it. */
	public record ChatFile(long id, String filename, String contentType, long size) {

		public boolean image() {
			return contentType != null && contentType.startsWith("image/");
		}
	}
}
