package org.kefu.mail.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.mail.MailFetcher;
import org.kefu.mail.MailIntake;
import org.kefu.mail.MailOutbox;
import org.kefu.mail.Mailbox;
import org.kefu.mail.MailboxForm;
import org.kefu.mail.Mailboxes;
import org.kefu.platform.KefuProperties;
import org.kefu.shared.Actor;
import org.kefu.shared.KefuException;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Mailboxes for administrators, and the mail of a ticket. */
@RestController
@Tag(name = "Mail", description = "Mailboxes read over IMAP and answered over SMTP; the mail on a ticket")
class MailApi {

	private final Mailboxes mailboxes;
	private final MailFetcher fetcher;
	private final MailIntake intake;
	private final MailOutbox outbox;
	private final Tickets tickets;
	private final long maxMail;

	MailApi(Mailboxes mailboxes, MailFetcher fetcher, MailIntake intake, MailOutbox outbox, Tickets tickets,
			KefuProperties properties) {
		this.mailboxes = mailboxes;
		this.fetcher = fetcher;
		this.intake = intake;
		this.outbox = outbox;
		this.tickets = tickets;
		this.maxMail = properties.attachments().maxSize().toBytes() * 2;
	}

	@GetMapping("/api/v1/mailboxes")
	@PreAuthorize("hasAuthority('mailbox.manage')")
	@Operation(summary = "List mailboxes", description = "Passwords are never returned.")
	List<Mailbox> list() {
		return mailboxes.all();
	}

	@PostMapping("/api/v1/mailboxes")
	@PreAuthorize("hasAuthority('mailbox.manage')")
	@Operation(summary = "Connect a mailbox", description = "Security is ssl (default), starttls or none; "
			+ "ports default to 993/465 for ssl and 143/587 otherwise. Passwords are stored encrypted.")
	ResponseEntity<Mailbox> create(@RequestBody MailboxForm form, Actor actor) {
		return ResponseEntity.status(201).body(mailboxes.create(form, actor));
	}

	@PutMapping("/api/v1/mailboxes/{id}")
	@PreAuthorize("hasAuthority('mailbox.manage')")
	@Operation(summary = "Change a mailbox", description = "A missing or blank password keeps the stored one.")
	Mailbox update(@PathVariable long id, @RequestBody MailboxForm form, Actor actor) {
		return mailboxes.update(id, form, actor);
	}

	@PostMapping("/api/v1/mailboxes/{id}/test")
	@PreAuthorize("hasAuthority('mailbox.manage')")
	@Operation(summary = "Try a mailbox's servers", description = "`imap` and `smtp` are null when they answered, else the error.")
	Mailboxes.Check test(@PathVariable long id) {
		return mailboxes.test(id);
	}

	@PostMapping("/api/v1/mailboxes/{id}/fetch")
	@PreAuthorize("hasAuthority('mailbox.manage')")
	@Operation(summary = "Read a mailbox now", description = "`error` is `busy` when another node is reading it.")
	MailFetcher.Fetched fetch(@PathVariable long id) {
		return fetcher.fetch(id);
	}

	@PostMapping(path = "/api/v1/mailboxes/{id}/messages", consumes = { "message/rfc822", "application/octet-stream" })
	@PreAuthorize("hasAuthority('mailbox.manage')")
	@Operation(summary = "Hand over one raw mail", description = "For a mail server that delivers to Kefu directly "
			+ "(a pipe or forwarding rule) or for importing mail: the body is the whole message (RFC 5322). It lands "
			+ "exactly as if read from the mailbox, once: sending the same mail again answers `DUPLICATE`. At most "
			+ "twice the attachment size limit.")
	ResponseEntity<MailIntake.Received> deliver(@PathVariable long id, InputStream body) throws IOException {
		byte[] raw = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxMail + 1));
		if (raw.length > maxMail) {
			throw new MailTooLarge(maxMail);
		}
		MailIntake.Received received = intake.receive(id, raw, null);
		return ResponseEntity.status(received.outcome() == MailIntake.Outcome.DUPLICATE ? 200 : 201).body(received);
	}

	/** A raw mail larger than Kefu takes. */
	static final class MailTooLarge extends KefuException {

		MailTooLarge(long limit) {
			super("api.body-too-large", limit);
		}

		@Override
		public int status() {
			return 413;
		}
	}

	@GetMapping("/api/v1/tickets/{id}/mails")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "The mail of a ticket", description = "Received and sent mail, oldest first; sent mail "
			+ "with its status (pending, sent, failed) and last error.")
	List<MailOutbox.MailView> ofTicket(@PathVariable long id) {
		tickets.summary(new TicketId(id));
		return outbox.ofTicket(id);
	}

	@PostMapping("/api/v1/mail/outbox/{id}/retry")
	@PreAuthorize("hasAuthority('ticket.reply')")
	@Operation(summary = "Send a failed mail again")
	ResponseEntity<Void> retry(@PathVariable long id) {
		outbox.retry(id);
		return ResponseEntity.accepted().build();
	}
}
