package org.kefu.mail;

import java.time.Instant;

/** A mailbox Kefu reads and sends from, as pages and the API show it: never its passwords. */
public record Mailbox(long id, String name, String address, String imapHost, int imapPort, String imapSecurity,
		String imapUser, String folder, String smtpHost, int smtpPort, String smtpSecurity, String smtpUser,
		boolean acknowledge, boolean active, Instant lastCheckedAt, String lastError) {

	/** The domain Kefu's own Message-IDs end in. */
	public String domain() {
		return address.substring(address.indexOf('@') + 1);
	}
}
