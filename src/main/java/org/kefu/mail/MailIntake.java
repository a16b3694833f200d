package org.kefu.mail;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kefu.channel.Intake;
import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerActivity;
import org.kefu.customer.CustomerId;
import org.kefu.customer.CustomerTags;
import org.kefu.customer.CustomerView;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.shared.Actor;
import org.kefu.ticket.Attachments;
import org.kefu.ticket.Author;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.ReplyOutcome;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketSummary;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.Visibility;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lands one fetched mail, in one transaction, exactly once: the mail's key (its Message-ID, or a
 * digest when it has none) is recorded with the ticket message, so a mail fetched again — after a
 * crash between landing and remembering the IMAP position, or from a second node — is recognised
 * and skipped.
 */
@Service
public class MailIntake {

	private static final Logger log = LoggerFactory.getLogger(MailIntake.class);
	private static final Pattern SUBJECT_NUMBER = Pattern.compile("\\[#(\\d{1,12})]");
	private static final Pattern QUOTE_START = Pattern.compile(
			"(?m)^(-{2,}\\s*(Original Message|原始邮件|原始郵件)\\s*-{2,}|On .{5,200} wrote:|在 .{5,200}写道：?|于 .{5,200}写道：?|"
					+ "From: .+\\n(Sent|Date): .+)\\s*$");
	static final String BOUNCED_TAG = "email-bounced";

	private final JdbcClient jdbc;
	private final Mailboxes mailboxes;
	private final Customers customers;
	private final CustomerTags tags;
	private final Tickets tickets;
	private final Attachments attachments;
	private final Intake intake;
	private final MailOutbox outbox;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final int acknowledgementsPerHour;

	MailIntake(JdbcClient jdbc, Mailboxes mailboxes, Customers customers, CustomerTags tags, Tickets tickets,
			Attachments attachments, Intake intake, MailOutbox outbox, ApplicationEventPublisher events, Clock clock,
			@Value("${kefu.mail.acknowledgements-per-hour:3}") int acknowledgementsPerHour) {
		this.jdbc = jdbc;
		this.mailboxes = mailboxes;
		this.customers = customers;
		this.tags = tags;
		this.tickets = tickets;
		this.attachments = attachments;
		this.intake = intake;
		this.outbox = outbox;
		this.events = events;
		this.clock = clock;
		this.acknowledgementsPerHour = acknowledgementsPerHour;
	}

	/** What became of a mail. */
	public enum Outcome {
		NEW_TICKET, ADDED_TO_TICKET, DUPLICATE, AUTO_REPLY, BOUNCE, LOOP, UNREADABLE
	}

	public record Received(Outcome outcome, Long ticket, Long number) {
	}

	@Transactional
	public Received receive(long mailboxId, byte[] raw, Long uid) {
		Mailbox mailbox = mailboxes.get(mailboxId);
		ParsedMail mail;
		try {
			mail = MailParser.parse(raw);
		}
		catch (Exception e) {
			return unreadable(mailbox, raw, uid, e);
		}
		String key = mail.messageId() != null ? mail.messageId() : "sha256:" + digest(raw);
		jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("mail:" + mailboxId + ":" + key)
			.query(Object.class).single();
		Optional<Long> seen = jdbc.sql("""
				select coalesce(ticket_id, 0) from mail_message
				where mailbox_id = ? and direction = 'inbound' and message_key = ?""")
			.params(mailboxId, key).query(Long.class).optional();
		if (seen.isPresent()) {
			return new Received(Outcome.DUPLICATE, seen.get() == 0 ? null : seen.get(), null);
		}
		if (mail.fromAddress() != null) {
			// one sender's mails land one after another, so that two of them read at once cannot open two tickets
			jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("mail-sender:" + mail.fromAddress())
				.query(Object.class).single();
		}
		Actor actor = new Actor(null, "mail:" + mailbox.address(), mail.fromAddress());
		if (isLoop(mail)) {
			record(mailbox, key, mail, "loop", null, null, null, null, 0, uid, "sent by Kefu");
			return new Received(Outcome.LOOP, null, null);
		}
		if (mail.bounce() != null) {
			return bounce(mailbox, key, mail, uid, actor);
		}
		if (mail.fromAddress() == null) {
			record(mailbox, key, mail, "unreadable", null, null, null, null, 0, uid, "no sender address");
			return new Received(Outcome.UNREADABLE, null, null);
		}
		Optional<TicketSummary> thread = thread(mail);
		if (mail.autoReply()) {
			Long ticket = null;
			if (thread.isPresent()) {
				ticket = thread.get().id().value();
				tickets.reply(thread.get().id(), new NewMessage("[auto-reply] " + nonBlank(mail.subject(), "")
						+ "\n\n" + nonBlank(mail.text(), ""), Visibility.INTERNAL, Author.SYSTEM, Channel.EMAIL, null,
						List.of()), actor);
			}
			record(mailbox, key, mail, "auto_reply", ticket, null, null, null, 0, uid, null);
			return new Received(Outcome.AUTO_REPLY, ticket, thread.map(TicketSummary::number).orElse(null));
		}
		CustomerId customer = customers.identify(new ContactDetails(mail.fromName(), mail.fromAddress(), null), actor);
		Map<String, Long> inline = new HashMap<>();
		List<Long> stored = new ArrayList<>();
		for (ParsedMail.Part part : mail.attachments()) {
			long id = attachments.store(part.filename(), new ByteArrayInputStream(part.content()), actor).id();
			stored.add(id);
			if (part.contentId() != null) {
				inline.put(part.contentId(), id);
			}
		}
		String html = MailHtml.sanitise(mail.html(), inline);
		String subject = nonBlank(mail.subject(), null);
		Optional<TicketSummary> owned = thread.filter(t -> customer.equals(t.customer()) || fromThread(mail));
		long ticket;
		long number;
		Long message = null;
		boolean created;
		if (owned.isPresent()) {
			ReplyOutcome outcome = tickets.reply(owned.get().id(), new NewMessage(body(mail, true), Visibility.PUBLIC,
					Author.CUSTOMER, Channel.EMAIL, null, stored), actor);
			ticket = outcome.ticket().value();
			number = outcome.number();
			message = outcome.message();
			created = outcome.followUp();
		}
		else {
			Intake.Landed landed = intake.land(customer, Channel.EMAIL,
					subject == null ? firstLine(mail.text()) : subject,
					body(mail, false), stored, Set.of(), actor);
			ticket = landed.ticket().value();
			number = landed.number();
			message = landed.message();
			created = landed.created();
		}
		record(mailbox, key, mail, "mail", ticket, message, customer.value(), html, stored.size(), uid, null);
		if (created && mailbox.acknowledge() && !mail.bulk() && mayAcknowledge(mail.fromAddress())) {
			outbox.acknowledge(mailbox, ticket, number, mail, customers.find(customer).map(CustomerView::name).orElse(null));
		}
		return new Received(created ? Outcome.NEW_TICKET : Outcome.ADDED_TO_TICKET, ticket, number);
	}

	/** A mail answering one of Kefu's own mails (In-Reply-To) belongs to that thread whoever sends it. */
	private boolean fromThread(ParsedMail mail) {
		return !mail.references().isEmpty();
	}

	private boolean isLoop(ParsedMail mail) {
		return (mail.loop() != null && mailboxes.isOwn(mail.loop())) || mailboxes.isOwn(mail.fromAddress());
	}

	/** No more than a few acknowledgements an hour to one address: two autoresponders never ping-pong. */
	private boolean mayAcknowledge(String address) {
		return outbox.acknowledgedSince(address, clock.instant().minus(Duration.ofHours(1))) < acknowledgementsPerHour;
	}

	/** The ticket this mail answers: by its references to earlier mails, then by [#number] in the subject. */
	Optional<TicketSummary> thread(ParsedMail mail) {
		if (!mail.references().isEmpty()) {
			String[] ids = mail.references().toArray(String[]::new);
			Optional<Long> ticket = jdbc.sql("""
					select ticket_id from (
					  select ticket_id, received_at as at from mail_message where message_id = any(?) and ticket_id is not null
					  union all
					  select ticket_id, created_at from mail_outbox where message_id = any(?) and ticket_id is not null
					) found order by at desc limit 1""")
				.params(ids, ids).query(Long.class).optional();
			if (ticket.isPresent()) {
				return Optional.of(tickets.summary(new TicketId(ticket.get())));
			}
		}
		if (mail.subject() != null) {
			Matcher m = SUBJECT_NUMBER.matcher(mail.subject());
			if (m.find()) {
				Optional<TicketId> byNumber = tickets.byNumber(Long.parseLong(m.group(1)));
				if (byNumber.isPresent()) {
					TicketSummary summary = tickets.summary(byNumber.get());
					// a number in the subject is only a hint: it counts for the ticket's own customer
					Optional<CustomerView> sender = customers.findByIdentity(IdentityType.EMAIL, mail.fromAddress());
					if (sender.isPresent() && sender.get().id().equals(summary.customer())) {
						return Optional.of(summary);
					}
				}
			}
		}
		return Optional.empty();
	}

	private Received bounce(Mailbox mailbox, String key, ParsedMail mail, Long uid, Actor actor) {
		ParsedMail.Bounce bounce = mail.bounce();
		String note = "%s %s %s".formatted(nonBlank(bounce.recipient(), "?"), nonBlank(bounce.status(), ""),
				nonBlank(bounce.diagnostic(), "")).strip();
		Long ticket = null;
		if (bounce.originalMessageId() != null) {
			ticket = jdbc.sql("select ticket_id from mail_outbox where message_id = ?")
				.param(bounce.originalMessageId()).query(Long.class).optional().orElse(null);
			jdbc.sql("update mail_outbox set last_error = ? where message_id = ?")
				.params(truncate("bounced: " + note, 500), bounce.originalMessageId()).update();
		}
		Long customerId = null;
		if (bounce.recipient() != null) {
			Optional<CustomerView> customer = customers.findByIdentity(IdentityType.EMAIL, bounce.recipient());
			if (customer.isPresent()) {
				CustomerId id = customer.get().id();
				customerId = id.value();
				tags.add(id, BOUNCED_TAG, actor);
				events.publishEvent(new CustomerActivity(id, clock.instant(), "mail.bounced", note,
						ticket == null ? null : "/tickets/" + tickets.summary(new TicketId(ticket)).number(), "mail"));
			}
		}
		if (ticket != null) {
			tickets.reply(new TicketId(ticket), new NewMessage("[bounce] " + note, Visibility.INTERNAL, Author.SYSTEM,
					Channel.EMAIL, null, List.of()), actor);
		}
		record(mailbox, key, mail, "bounce", ticket, null, customerId, null, 0, uid, truncate(note, 500));
		log.info("Mail to {} bounced: {}", bounce.recipient(), bounce.status());
		return new Received(Outcome.BOUNCE, ticket, null);
	}

	private Received unreadable(Mailbox mailbox, byte[] raw, Long uid, Exception e) {
		String key = "sha256:" + digest(raw);
		if (jdbc.sql("select count(*) from mail_message where mailbox_id = ? and direction = 'inbound' and message_key = ?")
			.params(mailbox.id(), key).query(Integer.class).single() > 0) {
			return new Received(Outcome.DUPLICATE, null, null);
		}
		long kept = attachments.store("unreadable.eml", new ByteArrayInputStream(raw),
				new Actor(null, "mail:" + mailbox.address(), null)).id();
		jdbc.sql("""
				insert into mail_message (mailbox_id, direction, message_key, kind, note, imap_uid, received_at)
				values (?, 'inbound', ?, 'unreadable', ?, ?, ?)""")
			.params(mailbox.id(), key, truncate("kept as attachment " + kept + ": " + Mailboxes.describe(e), 500), uid,
					Timestamp.from(clock.instant()))
			.update();
		log.warn("Unreadable mail in mailbox {} kept as attachment {}", mailbox.id(), kept);
		return new Received(Outcome.UNREADABLE, null, null);
	}

	private void record(Mailbox mailbox, String key, ParsedMail mail, String kind, Long ticket, Long message,
			Long customer, String html, int attachmentCount, Long uid, String note) {
		jdbc.sql("""
				insert into mail_message (mailbox_id, direction, message_key, message_id, kind, ticket_id,
				  ticket_message_id, customer_id, from_address, from_name, to_addresses, subject, html, remote_images,
				  attachments, note, imap_uid, sent_at, received_at)
				values (?, 'inbound', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(mailbox.id(), truncate(key, 300), mail.messageId(), kind, ticket, message, customer,
					truncate(mail.fromAddress(), 254), truncate(mail.fromName(), 200),
					truncate(String.join(", ", mail.to()), 2000), truncate(mail.subject(), 500), html,
					MailHtml.remoteImages(html), attachmentCount, note, uid,
					mail.date() == null ? null : Timestamp.from(mail.date()), Timestamp.from(clock.instant()))
			.update();
	}

	/** The text for the ticket: on a reply, without the quoted earlier conversation. */
	static String body(ParsedMail mail, boolean reply) {
		String text = nonBlank(mail.text(), "");
		if (reply) {
			Matcher m = QUOTE_START.matcher(text);
			if (m.find() && !text.substring(0, m.start()).isBlank()) {
				text = text.substring(0, m.start()).strip();
			}
			text = text.replaceAll("(?m)(\\n>[^\\n]*)+\\s*$", "").strip();
		}
		if (text.isBlank()) {
			text = mail.attachments().isEmpty() ? nonBlank(mail.subject(), "—") : "📎";
		}
		return text.length() > 60_000 ? text.substring(0, 60_000) + "…" : text;
	}

	private static String firstLine(String text) {
		String line = text == null ? "" : text.strip().lines().findFirst().orElse("").strip();
		if (line.isEmpty()) {
			return "(no subject)";
		}
		return line.length() > 60 ? line.substring(0, 60) + "…" : line;
	}

	private static String nonBlank(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value;
	}

	static String truncate(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	static String digest(byte[] raw) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
