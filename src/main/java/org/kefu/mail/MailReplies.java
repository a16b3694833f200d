package org.kefu.mail;

import java.util.List;
import java.util.Optional;

import org.kefu.customer.IdentityType;
import org.kefu.customer.Customers;
import org.kefu.ticket.Author;
import org.kefu.ticket.Channel;
import org.kefu.ticket.TicketCreated;
import org.kefu.ticket.TicketDetail;
import org.kefu.ticket.TicketMessageAdded;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.Visibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mail that follows from what happens on tickets: an agent's public reply on a ticket that came by
 * mail goes to the customer's last mail address, threaded under their mail; a request from the web
 * form is confirmed to the address the customer gave. Internal notes never leave.
 */
@Component
class MailReplies {

	/** An agent's public reply: the only message that goes out to the customer. */
	static final String AGENTS_PUBLIC_REPLY = "#added.author() == T(org.kefu.ticket.Author).AGENT"
			+ " and #added.visibility() == T(org.kefu.ticket.Visibility).PUBLIC";

	private final JdbcClient jdbc;
	private final Mailboxes mailboxes;
	private final MailOutbox outbox;
	private final Tickets tickets;
	private final Customers customers;

	MailReplies(JdbcClient jdbc, Mailboxes mailboxes, MailOutbox outbox, Tickets tickets, Customers customers) {
		this.jdbc = jdbc;
		this.mailboxes = mailboxes;
		this.outbox = outbox;
		this.tickets = tickets;
		this.customers = customers;
	}

	private record LastMail(long mailbox, String from, String messageId, String subject) {
	}

	// conditions, not early returns: a message or ticket that is not for mail is not even recorded as an
	// event publication for this listener (a row written and completed per ticket otherwise)
	@ApplicationModuleListener(condition = AGENTS_PUBLIC_REPLY)
	void on(TicketMessageAdded added) {
		if (added.author() != Author.AGENT || added.visibility() != Visibility.PUBLIC) {
			return;
		}
		Optional<LastMail> last = jdbc.sql("""
				select m.mailbox_id, m.from_address, m.message_id, m.subject from mail_message m
				join mail_mailbox b on b.id = m.mailbox_id
				where m.ticket_id = ? and m.direction = 'inbound' and m.kind = 'mail' and b.active
				order by m.received_at desc, m.id desc limit 1""")
			.param(added.ticket().value())
			.query((rs, n) -> new LastMail(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.optional();
		if (last.isEmpty()) {
			return;
		}
		TicketDetail detail = tickets.detail(added.ticket());
		detail.messages().stream().filter(m -> m.id() == added.message()).findFirst().ifPresent(m -> {
			List<Long> files = m.attachments().stream().map(a -> a.id()).toList();
			String subject = last.get().subject() == null ? detail.ticket().subject() : last.get().subject();
			outbox.reply(mailboxes.get(last.get().mailbox()), added.ticket().value(), added.number(), m.id(),
					last.get().from(), subject, last.get().messageId(), m.body(), files);
		});
	}

	@ApplicationModuleListener(condition = "#created.channel() == T(org.kefu.ticket.Channel).FORM")
	void on(TicketCreated created) {
		if (created.channel() != Channel.FORM || created.customer() == null) {
			return;
		}
		Optional<Mailbox> mailbox = mailboxes.active().stream().findFirst();
		if (mailbox.isEmpty()) {
			return;
		}
		customers.identities(created.customer()).stream().filter(i -> i.type() == IdentityType.EMAIL)
			.reduce((a, b) -> b)
			.ifPresent(email -> outbox.confirm(mailbox.get(), created.ticket().value(), created.number(),
					email.value(), tickets.summary(created.ticket()).subject(),
					customers.find(created.customer()).map(c -> c.name()).orElse(null)));
	}
}
