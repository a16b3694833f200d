package org.kefu.ticket;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;

/** One message in a ticket's conversation: a public reply, an internal note, or the customer's words. */
@Entity
@Table(name = "ticket_message")
class TicketMessage {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_message_id")
	@SequenceGenerator(name = "ticket_message_id", sequenceName = "ticket_message_id_seq", allocationSize = 50)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "ticket_id")
	private Ticket ticket;

	@Column(name = "author_type")
	@Convert(converter = Converters.AuthorColumn.class)
	private Author author;

	@Column(name = "author_user_id")
	private Long authorUserId;

	@Column(name = "author_customer_id")
	private Long authorCustomerId;

	@Convert(converter = Converters.VisibilityColumn.class)
	private Visibility visibility;

	@FullTextField(analyzer = "kefu")
	private String body;

	@Convert(converter = Converters.ChannelColumn.class)
	private Channel channel;

	@Column(name = "created_at")
	private Instant createdAt;

	protected TicketMessage() {
	}

	TicketMessage(Ticket ticket, Author author, Long authorUserId, Long authorCustomerId, Visibility visibility,
			String body, Channel channel, Instant createdAt) {
		this.ticket = ticket;
		this.author = author;
		this.authorUserId = authorUserId;
		this.authorCustomerId = authorCustomerId;
		this.visibility = visibility;
		this.body = body;
		this.channel = channel;
		this.createdAt = createdAt;
	}

	void moveTo(Ticket other) {
		this.ticket = other;
	}

	Long id() {
		return id;
	}

	Author author() {
		return author;
	}

	Long authorUserId() {
		return authorUserId;
	}

	Long authorCustomerId() {
		return authorCustomerId;
	}

	Visibility visibility() {
		return visibility;
	}

	String body() {
		return body;
	}

	Channel channel() {
		return channel;
	}

	Instant createdAt() {
		return createdAt;
	}
}
