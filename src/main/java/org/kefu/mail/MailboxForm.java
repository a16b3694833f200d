package org.kefu.mail;

/**
 * A mailbox as an administrator enters it. A blank password on a change keeps the stored one.
 * Security is {@code ssl}, {@code starttls} or {@code none}; SMTP without a user sends
 * unauthenticated (a relay inside the network).
 */
public record MailboxForm(String name, String address, String imapHost, Integer imapPort, String imapSecurity,
		String imapUser, String imapPassword, String folder, String smtpHost, Integer smtpPort, String smtpSecurity,
		String smtpUser, String smtpPassword, Boolean acknowledge) {
}
