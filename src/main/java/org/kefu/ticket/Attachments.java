package org.kefu.ticket;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;

import org.kefu.platform.FileStore;
import org.kefu.shared.Actor;
import org.kefu.shared.NotFoundException;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files customers and agents attach to messages: kept by the platform's {@link FileStore} (typed
 * from their content, programs refused), uploaded first and attached when the message is sent.
 */
@Service
@Transactional(readOnly = true)
public class Attachments {

	private final AttachmentRepository attachments;
	private final FileStore files;
	private final Clock clock;

	Attachments(AttachmentRepository attachments, FileStore files, Clock clock) {
		this.attachments = attachments;
		this.files = files;
		this.clock = clock;
	}

	/** A stored file and where to read it. */
	public record StoredFile(AttachmentView attachment, Long ticketId, Path path) {
	}

	/** Keeps an uploaded file, not yet attached to any message. */
	@Transactional
	public AttachmentView store(String filename, InputStream content, Actor by) {
		FileStore.Stored stored = files.store(filename, content);
		return attachments.saveAndFlush(new Attachment(stored.filename(), stored.contentType(), stored.size(), stored.sha256(),
				by.userId(), clock.instant())).view();
	}

	/** A file for download, with the ticket it belongs to (none while it waits to be sent). */
	public StoredFile open(long id) {
		Attachment attachment = attachments.findById(id)
			.orElseThrow(() -> new NotFoundException("ticket.attachment.not-found", id));
		return new StoredFile(attachment.view(), attachment.ticketId(), files.path(attachment.sha256()));
	}

	/** Who uploaded a file that is not yet attached: only they may attach it or see it. */
	public Long uploaderOf(long id) {
		return attachments.findById(id).map(Attachment::uploadedBy).orElse(null);
	}
}

interface AttachmentRepository extends JpaRepository<Attachment, Long> {
}
