package org.kefu.mail;

import java.io.UnsupportedEncodingException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.Attachments;
import org.kefu.ticket.Author;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.Visibility;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What Kefu sends by mail, kept in the database until the mail server has taken it. Each mail has
 * its Message-ID from the moment it is queued, so a customer's answer threads back to the ticket;
 * a reply is queued once per ticket message however often the event arrives. Due mail is claimed
 * with SKIP LOCKED (several nodes never send one twice at once), retried with growing waits
 * ({@value #MAX_ATTEMPTS} attempts over about eight hours) and then marked failed, with a note on
 * the ticket; a refused address fails at once. Failed mail can be sent again.
 */
@Service
public class MailOutbox {

	private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);
	static final int MAX_ATTEMPTS = 8;

	private final JdbcClient jdbc;
	private final Mailboxes mailboxes;
	private final Attachments attachments;
	private final Tickets tickets;
	private final TransactionTemplate transactions;
	private final Clock clock;

	MailOutbox(JdbcClient jdbc, Mailboxes mailboxes, Attachments attachments, Tickets tickets,
			TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.mailboxes = mailboxes;
		this.attachments = attachments;
		this.tickets = tickets;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A mail in or out as the ticket's mail card shows it. */
	public record MailView(long id, String direction, String kind, String status, String address, String subject,
			Instant at, int attachments, int remoteImages, boolean hasHtml, String note, int attempts) {
	}

	/** Every mail of a ticket, in and out, oldest first. */
	public List<MailView> ofTicket(long ticket) {
		List<MailView> all = new ArrayList<>(jdbc.sql("""
				select id, direction, kind, from_address, to_addresses, subject, received_at, attachments, remote_images,
				  html is not null, note from mail_message where ticket_id = ? and direction = 'inbound'""")
			.param(ticket)
			.query((rs, n) -> new MailView(rs.getLong(1), "inbound", rs.getString(3), "received", rs.getString(4),
					rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getInt(8), rs.getInt(9), rs.getBoolean(10),
					rs.getString(11), 0))
			.list());
		all.addAll(jdbc.sql("""
				select id, purpose, status, to_address, subject, coalesce(sent_at, created_at), attachments, last_error,
				  attempts from mail_outbox where ticket_id = ?""")
			.param(ticket)
			.query((rs, n) -> new MailView(rs.getLong(1), "outbound", rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getTimestamp(6).toInstant(), count(rs.getString(7)), 0, false, rs.getString(8),
					rs.getInt(9)))
			.list());
		all.sort((a, b) -> a.at().compareTo(b.at()));
		return all;
	}

	private static int count(String ids) {
		return ids == null || ids.isBlank() ? 0 : ids.split(",").length;
	}

	/** Queues an agent's reply to the customer's last mail; queued once per ticket message. */
	void reply(Mailbox mailbox, long ticket, long number, long ticketMessage, String to, String subject,
			String inReplyTo, String body, List<Long> files) {
		queue(mailbox, "reply", ticket, ticketMessage, to, replySubject(subject, number), body, files, inReplyTo,
				clock.instant());
	}

	/** Queues the automatic "we have your mail" answer for a new ticket. */
	void acknowledge(Mailbox mailbox, long ticket, long number, ParsedMail mail, String name) {
		String greeting = name == null || name.isBlank() ? "您好 / Hello," : name + "，您好 / Hello " + name + ",";
		String body = """
				%s

				我们已收到您的邮件，工单号 #%d。客服人员会尽快回复；回复本邮件即可补充信息。
				We have received your mail as ticket #%d. An agent will answer soon; reply to this mail to add anything.

				%s""".formatted(greeting, number, number, mailbox.name());
		queue(mailbox, "acknowledge", ticket, null, mail.fromAddress(), replySubject(mail.subject(), number), body,
				List.of(), mail.messageId(), clock.instant());
	}

	/** Queues the confirmation of a request sent by the web form. */
	void confirm(Mailbox mailbox, long ticket, long number, String to, String subject, String name) {
		String greeting = name == null || name.isBlank() ? "您好 / Hello," : name + "，您好 / Hello " + name + ",";
		String body = """
				%s

				您通过网页表单提交的请求已收到，工单号 #%d。回复本邮件即可补充信息。
				We have received the request you sent with our web form as ticket #%d. Reply to this mail to add anything.

				%s""".formatted(greeting, number, number, mailbox.name());
		queue(mailbox, "confirmation", ticket, null, to, replySubject(subject, number), body, List.of(), null,
				clock.instant());
	}

	/**
	 * Queues a notice to a colleague, from the center's first active mailbox, to go at
	 * {@code notBefore} (their next working moment); false if no mailbox is set up to send it.
	 */
	public boolean notice(String to, String subject, String body, Instant notBefore) {
		Optional<Mailbox> mailbox = mailboxes.active().stream().findFirst();
		if (mailbox.isEmpty()) {
			return false;
		}
		queue(mailbox.get(), "notice", null, null, to, subject, body, List.of(), null, notBefore);
		return true;
	}

	static String replySubject(String subject, long number) {
		String base = subject == null || subject.isBlank() ? "#" + number : subject.strip();
		base = base.replaceFirst("(?i)^((re|aw|回复|答复|fw|fwd)\\s*[:：]\\s*)+", "");
		String marker = "[#" + number + "]";
		return "Re: " + (base.contains(marker) ? base : base + " " + marker);
	}

	/** Queues a mail to go at {@code sendAt}; a ticket message's reply is queued once. */
	private void queue(Mailbox mailbox, String purpose, Long ticket, Long ticketMessage, String to, String subject,
			String body, List<Long> files, String inReplyTo, Instant sendAt) {
		String messageId = "kefu." + UUID.randomUUID() + "@" + mailbox.domain();
		Instant now = clock.instant();
		jdbc.sql("""
				insert into mail_outbox (mailbox_id, purpose, ticket_id, ticket_message_id, to_address, subject, body,
				  attachments, message_id, in_reply_to, refs, next_attempt_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (ticket_message_id) do nothing""")
			.params(mailbox.id(), purpose, ticket, ticketMessage, to, MailIntake.truncate(subject, 500), body,
					files.stream().map(String::valueOf).collect(Collectors.joining(",")), messageId, inReplyTo,
					inReplyTo, Timestamp.from(sendAt), Timestamp.from(now))
			.update();
	}

	/** How many acknowledgements went to this address since then. */
	int acknowledgedSince(String address, Instant since) {
		return jdbc.sql("select count(*) from mail_outbox where purpose = 'acknowledge' and to_address = ? and created_at > ?")
			.params(address, Timestamp.from(since)).query(Integer.class).single();
	}

	/** Puts a failed mail back in the queue, to be sent at once. */
	public void retry(long id) {
		String status = jdbc.sql("select status from mail_outbox where id = ?").param(id).query(String.class)
			.optional().orElseThrow(() -> new NotFoundException("mail.outbox-not-found", id));
		if (!status.equals("failed")) {
			throw new ConflictException("mail.outbox-not-failed", id);
		}
		jdbc.sql("update mail_outbox set status = 'pending', attempts = 0, next_attempt_at = ? where id = ?")
			.params(Timestamp.from(clock.instant()), id).update();
	}

	/** The ticket a queued mail belongs to, for permission checks. */
	public Long ticketOf(long id) {
		return jdbc.sql("select ticket_id from mail_outbox where id = ?").param(id).query(Long.class).optional()
			.orElseThrow(() -> new NotFoundException("mail.outbox-not-found", id));
	}

	private record Due(long id, long mailbox, String purpose, Long ticket, String to, String subject, String body,
			String attachments, String messageId, String inReplyTo, String refs, int attempts) {
	}

	private static Due due(ResultSet rs, int n) throws SQLException {
		long ticket = rs.getLong(4);
		boolean noTicket = rs.wasNull();
		return new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), noTicket ? null : ticket, rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
				rs.getInt(12));
	}

	@Scheduled(fixedDelayString = "${kefu.mail.send-interval:PT3S}", initialDelay = 3000)
	void sendDueOnSchedule() {
		try {
			sendDue();
		}
		catch (RuntimeException e) {
			log.warn("Sending queued mail failed: {}", e.toString());
		}
	}

	/** Sends what is due; returns how many were sent. */
	public int sendDue() {
		int sent = 0;
		for (int round = 0; round < 20; round++) {
			Integer[] result = transactions.execute(status -> {
				List<Due> due = jdbc.sql("""
						select id, mailbox_id, purpose, ticket_id, to_address, subject, body, attachments, message_id,
						  in_reply_to, refs, attempts from mail_outbox
						where status = 'pending' and next_attempt_at <= ? order by next_attempt_at, id limit 50
						for update skip locked""")
					.param(Timestamp.from(clock.instant())).query(MailOutbox::due).list();
				Map<Long, List<Due>> byMailbox = new LinkedHashMap<>();
				due.forEach(d -> byMailbox.computeIfAbsent(d.mailbox(), k -> new ArrayList<>()).add(d));
				int ok = 0;
				for (Map.Entry<Long, List<Due>> entry : byMailbox.entrySet()) {
					ok += send(mailboxes.get(entry.getKey()), entry.getValue());
				}
				return new Integer[] { due.size(), ok };
			});
			if (result == null) {
				break;
			}
			sent += result[1];
			if (result[0] < 50) {
				break;
			}
		}
		return sent;
	}

	private int send(Mailbox mailbox, List<Due> due) {
		Transport transport;
		try {
			transport = mailboxes.connectSmtp(mailbox);
		}
		catch (MessagingException | RuntimeException e) {
			String error = Mailboxes.describe(e);
			due.forEach(d -> failed(d, mailbox, error, false));
			return 0;
		}
		int ok = 0;
		try (transport) {
			for (Due d : due) {
				try {
					MimeMessage message = build(mailbox, d);
					transport.sendMessage(message, message.getAllRecipients());
					sent(d, mailbox);
					ok++;
				}
				catch (SendFailedException e) {
					boolean refused = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
					failed(d, mailbox, Mailboxes.describe(e), refused);
				}
				catch (MessagingException | RuntimeException e) {
					failed(d, mailbox, Mailboxes.describe(e), false);
				}
			}
		}
		catch (MessagingException e) {
			log.debug("Closing SMTP connection: {}", e.toString());
		}
		return ok;
	}

	MimeMessage build(Mailbox mailbox, Due d) throws MessagingException {
		String messageId = "<" + d.messageId() + ">";
		MimeMessage message = new MimeMessage(Mailboxes.sendingSession()) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		try {
			message.setFrom(new InternetAddress(mailbox.address(), mailbox.name(), "UTF-8"));
		}
		catch (UnsupportedEncodingException e) {
			throw new IllegalStateException(e);
		}
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(d.to(), false));
		message.setSubject(d.subject(), "UTF-8");
		message.setSentDate(Date.from(clock.instant()));
		if (d.inReplyTo() != null) {
			message.setHeader("In-Reply-To", "<" + d.inReplyTo() + ">");
		}
		if (d.refs() != null) {
			message.setHeader("References", Arrays.stream(d.refs().split("\\s+")).map(r -> "<" + r + ">")
				.collect(Collectors.joining(" ")));
		}
		message.setHeader("X-Kefu-Loop", mailbox.address());
		if (!d.purpose().equals("reply")) {
			message.setHeader("Auto-Submitted", "auto-replied");
			message.setHeader("X-Auto-Response-Suppress", "All");
		}
		if (d.attachments() == null || d.attachments().isBlank()) {
			message.setText(d.body(), "UTF-8");
		}
		else {
			MimeMultipart mixed = new MimeMultipart("mixed");
			MimeBodyPart text = new MimeBodyPart();
			text.setText(d.body(), "UTF-8");
			mixed.addBodyPart(text);
			for (String id : d.attachments().split(",")) {
				Attachments.StoredFile file = attachments.open(Long.parseLong(id.strip()));
				MimeBodyPart part = new MimeBodyPart();
				part.setDataHandler(new DataHandler(new FileDataSource(file.path().toFile()) {
					@Override
					public String getContentType() {
						return file.attachment().contentType();
					}
				}));
				part.setFileName(file.attachment().filename());
				part.setDisposition(MimeBodyPart.ATTACHMENT);
				mixed.addBodyPart(part);
			}
			message.setContent(mixed);
		}
		message.saveChanges();
		return message;
	}

	private void sent(Due d, Mailbox mailbox) {
		Instant now = clock.instant();
		jdbc.sql("update mail_outbox set status = 'sent', attempts = attempts + 1, last_error = null, sent_at = ? where id = ?")
			.params(Timestamp.from(now), d.id()).update();
		jdbc.sql("""
				insert into mail_message (mailbox_id, direction, message_key, message_id, kind, ticket_id, from_address,
				  to_addresses, subject, attachments, sent_at, received_at)
				values (?, 'outbound', ?, ?, 'mail', ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(mailbox.id(), d.messageId(), d.messageId(), d.ticket(), mailbox.address(), d.to(), d.subject(),
					count(d.attachments()), Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	private void failed(Due d, Mailbox mailbox, String error, boolean refused) {
		int attempts = d.attempts() + 1;
		boolean givingUp = refused || attempts >= MAX_ATTEMPTS;
		long wait = Math.min(7200, 30L << Math.min(attempts, 12));
		jdbc.sql("update mail_outbox set status = ?, attempts = ?, last_error = ?, next_attempt_at = ? where id = ?")
			.params(givingUp ? "failed" : "pending", attempts, MailIntake.truncate(error, 500),
					Timestamp.from(clock.instant().plusSeconds(wait)), d.id())
			.update();
		if (givingUp) {
			log.warn("Mail {} to {} from mailbox {} failed after {} attempts: {}", d.id(), d.to(), mailbox.id(),
					attempts, error);
			if (d.ticket() != null) {
				tickets.reply(new TicketId(d.ticket()), new NewMessage("[mail not sent] " + d.to() + ": " + error,
						Visibility.INTERNAL, Author.SYSTEM, Channel.EMAIL, null, List.of()),
						new Actor(null, "mail:" + mailbox.address(), null));
			}
		}
	}
}
