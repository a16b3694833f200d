package org.kefu.channel;

import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.kefu.customer.CustomerId;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.ticket.Attachments;
import org.kefu.ticket.Channel;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages from IM adapters (R-CH-5). The sender is found or recognised by their IM identity
 * ({@code <source>:<externalUserId>}); the message lands by {@link Intake}; the same message sent
 * twice (same {@code messageId}) lands once.
 */
@Service
public class ImMessages {

	private final JdbcClient jdbc;
	private final Customers customers;
	private final Attachments attachments;
	private final Tickets tickets;
	private final Intake intake;
	private final Clock clock;

	ImMessages(JdbcClient jdbc, Customers customers, Attachments attachments, Tickets tickets, Intake intake,
			Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.attachments = attachments;
		this.tickets = tickets;
		this.intake = intake;
		this.clock = clock;
	}

	/** A file sent with a message, its content in base64. */
	public record File(String filename, String base64) {
	}

	/** A message as an adapter sends it. */
	public record Inbound(String externalUserId, String name, String text, String messageId, List<File> attachments) {
	}

	/** Where the message landed; {@code duplicate} when this message id had landed before. */
	public record Received(long ticket, long number, boolean created, boolean duplicate) {
	}

	@Transactional
	public Received receive(Integration from, Inbound message) {
		if (message.externalUserId() == null || message.externalUserId().isBlank()) {
			throw new InvalidInputException("validation.required", "externalUserId");
		}
		List<File> files = message.attachments() == null ? List.of() : message.attachments();
		String text = message.text() == null ? "" : message.text().strip();
		if (text.isEmpty() && files.isEmpty()) {
			throw new InvalidInputException("validation.required", "text");
		}
		String messageId = message.messageId() == null || message.messageId().isBlank() ? null
				: message.messageId().strip();
		if (messageId != null) {
			jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(from.source() + ":" + messageId)
				.query(Object.class).single();
			Optional<Long> seen = jdbc.sql("select ticket_id from channel_im_message where source = ? and message_id = ?")
				.params(from.source(), messageId).query(Long.class).optional();
			if (seen.isPresent()) {
				return new Received(seen.get(), tickets.summary(new TicketId(seen.get())).number(), false, true);
			}
		}
		Actor actor = new Actor(null, "integration:" + from.source(), null);
		String user = message.externalUserId().strip();
		CustomerId customer = customers.identify(IdentityType.IM, from.source() + ":" + user,
				message.name() == null || message.name().isBlank() ? user : message.name().strip(), actor);
		List<Long> ids = new ArrayList<>();
		for (File file : files) {
			byte[] content;
			try {
				content = Base64.getDecoder().decode(file.base64() == null ? "" : file.base64());
			}
			catch (IllegalArgumentException e) {
				throw new InvalidInputException("channel.attachment-invalid", file.filename());
			}
			ids.add(attachments.store(file.filename(), new ByteArrayInputStream(content), actor).id());
		}
		String body = text.isEmpty() ? "📎" : text;
		Intake.Landed landed = intake.land(customer, Channel.IM, Intake.subject(text, from.source() + " " + user), body,
				ids, Set.of(from.source()), actor);
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into channel_contact (ticket_id, customer_id, channel, source, external_id, direction, status,
				                             started_at, ended_at, data)
				values (?, ?, 'im', ?, ?, 'inbound', 'open', ?, ?, jsonb_build_object('user', ?, 'messages', 1))
				on conflict (source, external_id) do update set ended_at = excluded.ended_at,
				  data = jsonb_set(channel_contact.data, '{messages}',
				                   to_jsonb(coalesce((channel_contact.data ->> 'messages')::int, 0) + 1))""")
			.params(landed.ticket().value(), customer.value(), from.source(), user + "#" + landed.ticket().value(), now,
					now, user)
			.update();
		if (messageId != null) {
			jdbc.sql("insert into channel_im_message (source, message_id, ticket_id, received_at) values (?, ?, ?, ?)")
				.params(from.source(), messageId, landed.ticket().value(), now).update();
		}
		return new Received(landed.ticket().value(), landed.number(), landed.created(), false);
	}
}
