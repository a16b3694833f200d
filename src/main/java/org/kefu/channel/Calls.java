package org.kefu.channel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.kefu.customer.CustomerId;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.live.Live;
import org.kefu.platform.AfterCommit;
import org.kefu.notification.Notifications;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.NewTicket;
import org.kefu.ticket.Priority;
import org.kefu.ticket.Queues;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Calls from a telephony system (R-CH-1). Each event is taken once, whatever the telephony system
 * repeats; events may come out of order. A ringing call finds (or records) the caller by number
 * and tells the agent it rings at; an answered call becomes a contact on a ticket — the one the
 * agent chose, the caller's open one, or a new one; an ended call notes its length and recording on
 * the ticket; an abandoned call becomes a callback task.
 */
@Service
public class Calls {

	static final Set<String> EVENTS = Set.of("ringing", "answered", "transferred", "ivr", "ended", "abandoned");

	private final JdbcClient jdbc;
	private final Customers customers;
	private final Users users;
	private final Tickets tickets;
	private final Intake intake;
	private final ChannelContacts contacts;
	private final Notifications notifications;
	private final Live live;
	private final Queues queues;
	private final MessageSource messages;
	private final Clock clock;
	private final ZoneId zone;
	private final org.springframework.context.ApplicationEventPublisher events;

	Calls(JdbcClient jdbc, Customers customers, Users users, Tickets tickets, Intake intake, ChannelContacts contacts,
			Notifications notifications, Live live, Queues queues, MessageSource messages, Clock clock,
			@Value("${kefu.time-zone:Asia/Shanghai}") String zone,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.customers = customers;
		this.users = users;
		this.tickets = tickets;
		this.intake = intake;
		this.contacts = contacts;
		this.notifications = notifications;
		this.live = live;
		this.queues = queues;
		this.messages = messages;
		this.clock = clock;
		this.zone = ZoneId.of(zone);
	}

	/** Takes a call event; returns the call as it stands. */
	@Transactional
	public ContactView take(Integration from, CallEvent e) {
		if (e.callId() == null || e.callId().isBlank()) {
			throw new InvalidInputException("validation.required", "callId");
		}
		String event = e.event() == null ? "" : e.event().strip().toLowerCase();
		if (!EVENTS.contains(event)) {
			throw new InvalidInputException("api.invalid-value", "event", e.event(),
					"ringing, answered, transferred, ivr, ended, abandoned");
		}
		String callId = e.callId().strip();
		Instant at = e.at() == null ? clock.instant() : e.at();
		jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(from.source() + ":" + callId).query(Object.class)
			.single();
		int fresh = jdbc.sql("""
				insert into channel_call_event (integration_id, call_id, event, at, received_at) values (?, ?, ?, ?, ?)
				on conflict do nothing""")
			.params(from.id(), callId, event, Timestamp.from(at), Timestamp.from(clock.instant())).update();
		ContactView call = contacts.byExternal(from.source(), callId);
		if (fresh == 0 && call != null) {
			return call;
		}
		Actor actor = new Actor(null, "integration:" + from.source(), null);
		Long agent = agent(e.agent());
		if (call == null) {
			if (e.from() == null || e.from().isBlank()) {
				throw new InvalidInputException("validation.required", "from");
			}
			CustomerId customer = customers.identify(IdentityType.PHONE, e.from(), e.from().strip(), actor);
			jdbc.sql("""
					insert into channel_contact (customer_id, channel, source, external_id, direction, status, agent_id,
					                             started_at, data)
					values (?, 'phone', ?, ?, 'inbound', 'ringing', ?, ?, jsonb_build_object('from', ?, 'to', ?))""")
				.params(customer.value(), from.source(), callId, agent, Timestamp.from(at), e.from().strip(),
						e.to() == null ? "" : e.to().strip())
				.update();
			call = contacts.byExternal(from.source(), callId);
		}
		CustomerId customer = new CustomerId(jdbc.sql("select customer_id from channel_contact where id = ?")
			.param(call.id()).query(Long.class).single());
		switch (event) {
			case "ringing" -> {
				if (agent != null) {
					pop(agent, call, customer);
				}
			}
			case "answered" -> answered(call, customer, agent, at, e.ticket(), actor);
			case "transferred" -> jdbc.sql("""
					update channel_contact set agent_id = coalesce(?, agent_id),
					  data = jsonb_set(data, '{transfers}', coalesce(data -> 'transfers', '[]'::jsonb)
					         || jsonb_build_array(jsonb_build_object('to', ?::text, 'at', ?::text)))
					where id = ?""")
				.params(agent, e.agent(), at.toString(), call.id()).update();
			case "ivr" -> jdbc.sql("update channel_contact set data = jsonb_set(data, '{ivr}', to_jsonb(?::text)) where id = ?")
				.params(e.ivr() == null ? "" : e.ivr().strip(), call.id()).update();
			case "ended" -> ended(call, at, e.recording(), actor);
			case "abandoned" -> abandoned(call, customer, at, actor);
			default -> throw new IllegalStateException(event);
		}
		return contacts.byExternal(from.source(), callId);
	}

	/** The caller's record and open tickets on the agent's screen at once, and a notice in the bell. */
	private void pop(long agent, ContactView call, CustomerId customer) {
		String number = String.valueOf(call.data().get("from"));
		notifications.notify(List.of(agent), "call.ringing", List.of(number), "/customers/" + customer.value());
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("call", call.id());
		payload.put("from", number);
		payload.put("customer", customer.value());
		payload.put("customerName", customers.find(customer).map(c -> c.name()).orElse(number));
		payload.put("tickets", queues.ofCustomer(customer, 20).stream().filter(t -> t.status().isUnsolved()).limit(5)
			.map(t -> Map.of("number", t.number(), "subject", t.subject())).toList());
		AfterCommit.run(() -> live.push(agent, "call.ringing", payload));
	}

	private void answered(ContactView call, CustomerId customer, Long agent, Instant at, Long chosen, Actor actor) {
		Long ticket = call.ticket();
		if (chosen != null) {
			ticket = tickets.byNumber(chosen).orElseThrow(() -> new NotFoundException("ticket.not-found", chosen)).value();
		}
		if (ticket == null) {
			ticket = intake.continuing(customer).map(t -> t.id().value()).orElse(null);
		}
		if (ticket == null) {
			String number = String.valueOf(call.data().get("from"));
			TicketId created = tickets.open(new NewTicket(text("call.subject", number), text("call.description", number,
					time(at)), "inquiry", Priority.NORMAL, Channel.PHONE, customer, null, agent, null, Set.of(), List.of()),
					actor);
			ticket = created.value();
		}
		jdbc.sql("""
				update channel_contact set status = 'answered', answered_at = coalesce(answered_at, ?),
				  agent_id = coalesce(?, agent_id), ticket_id = ? where id = ?""")
			.params(Timestamp.from(at), agent, ticket, call.id()).update();
		Long on = agent != null ? agent : call.agent();
		if (on != null) {
			events.publishEvent(new CallHandled(on, call.externalId(), "answered", at));
		}
	}

	private void ended(ContactView call, Instant at, String recording, Actor actor) {
		jdbc.sql("""
				update channel_contact set status = case when status = 'abandoned' then status else 'ended' end,
				  ended_at = coalesce(ended_at, ?),
				  data = case when ?::text is null then data else jsonb_set(data, '{recording}', to_jsonb(?::text)) end
				where id = ?""")
			.params(Timestamp.from(at), blank(recording), blank(recording), call.id()).update();
		ContactView ended = contacts.byExternal(call.source(), call.externalId());
		if (ended.agent() != null && ended.answeredAt() != null) {
			events.publishEvent(new CallHandled(ended.agent(), call.externalId(), "ended", at));
		}
		if (ended.ticket() != null && ended.answeredAt() != null) {
			long seconds = Optional.ofNullable(ended.durationSeconds()).orElse(0L);
			String length = String.format("%d:%02d", seconds / 60, seconds % 60);
			tickets.reply(new TicketId(ended.ticket()), NewMessage.note(blank(recording) == null
					? text("call.ended", length) : text("call.ended-recorded", length, recording.strip())), actor);
		}
	}

	private void abandoned(ContactView call, CustomerId customer, Instant at, Actor actor) {
		String number = String.valueOf(call.data().get("from"));
		TicketId task = tickets.open(new NewTicket(text("call.callback.subject", number),
				text("call.callback.description", number, time(at)), "inquiry", Priority.HIGH, Channel.PHONE, customer,
				null, null, null, Set.of("callback"), List.of()), actor);
		jdbc.sql("update channel_contact set status = 'abandoned', ended_at = coalesce(ended_at, ?), ticket_id = ? where id = ?")
			.params(Timestamp.from(at), task.value(), call.id()).update();
	}

	private Long agent(String username) {
		return username == null || username.isBlank() ? null
				: users.findByUsername(username.strip()).filter(UserSummary::enabled).map(u -> u.id().value()).orElse(null);
	}

	/** Texts Kefu writes on tickets itself are in the center's language, Chinese. */
	private String text(String code, Object... args) {
		return messages.getMessage(code, args, Locale.SIMPLIFIED_CHINESE);
	}

	private String time(Instant at) {
		return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone).format(at);
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
