package org.kefu.ticket;

import java.time.Instant;

/** A file attached to a ticket's message, as pages and the API list it. */
public record AttachmentView(long id, String filename, String contentType, long size, Instant createdAt) {

	/** Images a browser can show safely inline, as a preview. */
	public boolean previewable() {
		return org.kefu.platform.FileStore.previewable(contentType);
	}
}
