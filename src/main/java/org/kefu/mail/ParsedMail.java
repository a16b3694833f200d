package org.kefu.mail;

import java.time.Instant;
import java.util.List;

/**
 * A mail as Kefu reads it.
 *
 * @param messageId  the Message-ID without angle brackets, or null
 * @param references the ids this mail answers (In-Reply-To first, then References, newest first)
 * @param text       the plain text, or the HTML's text when the mail has only HTML
 * @param html       the HTML as sent (not yet sanitised), or null
 * @param autoReply  an out-of-office or other automatic answer (RFC 3834 and common markers)
 * @param bulk       a list or bulk mail, or one with no return path: never acknowledged
 * @param loop       the mailbox address in an {@code X-Kefu-Loop} header: mail Kefu itself sent
 * @param bounce     the delivery failure this mail reports, or null
 */
record ParsedMail(String messageId, List<String> references, String fromAddress, String fromName, List<String> to,
		String subject, Instant date, String text, String html, List<Part> attachments, boolean autoReply,
		boolean bulk, String loop, Bounce bounce) {

	/** An attachment or inline image. */
	record Part(String filename, String contentType, String contentId, boolean inline, byte[] content) {
	}

	/** A delivery status notification: who could not be reached, why, and which mail it was. */
	record Bounce(String recipient, String status, String diagnostic, String originalMessageId) {
	}
}
