package org.kefu.ticket;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A stored file: uploaded first, then attached to a message when the message is sent. */
@Entity
@Table(name = "ticket_attachment")
class Attachment {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_attachment_id")
	@SequenceGenerator(name = "ticket_attachment_id", sequenceName = "ticket_attachment_id_seq", allocationSize = 50)
	private Long id;

	@Column(name = "ticket_id")
	private Long ticketId;

	@Column(name = "message_id")
	private Long messageId;

	private String filename;

	@Column(name = "content_type")
	private String contentType;

	private long size;

	private String sha256;

	@Column(name = "uploaded_by")
	private Long uploadedBy;

	@Column(name = "created_at")
	private Instant createdAt;

	protected Attachment() {
	}

	Attachment(String filename, String contentType, long size, String sha256, Long uploadedBy, Instant now) {
		this.filename = filename;
		this.contentType = contentType;
		this.size = size;
		this.sha256 = sha256;
		this.uploadedBy = uploadedBy;
		this.createdAt = now;
	}

	boolean attached() {
		return messageId != null;
	}

	void attachTo(long ticket, long message) {
		this.ticketId = ticket;
		this.messageId = message;
	}

	Long id() {
		return id;
	}

	Long ticketId() {
		return ticketId;
	}

	Long messageId() {
		return messageId;
	}

	String sha256() {
		return sha256;
	}

	Long uploadedBy() {
		return uploadedBy;
	}

	AttachmentView view() {
		return new AttachmentView(id, filename, contentType, size, createdAt);
	}
}
