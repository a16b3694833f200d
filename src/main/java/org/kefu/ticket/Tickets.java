package org.kefu.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.kefu.customer.CustomerId;
import org.kefu.customer.Customers;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.UserId;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.shared.Actor;
import org.kefu.shared.Changes;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opening, working and closing tickets. Every change is announced as an event (the audit log
 * records it in the same transaction); concurrent changes to one ticket wait for each other.
 */
@Service
@Transactional(readOnly = true)
public class Tickets {

	private final TicketRepository tickets;
	private final TicketMessageRepository messages;
	private final AttachmentRepository attachments;
	private final BusinessTypes businessTypes;
	private final Customers customers;
	private final Users users;
	private final Teams teams;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Tickets(TicketRepository tickets, TicketMessageRepository messages, AttachmentRepository attachments,
			BusinessTypes businessTypes, Customers customers, Users users, Teams teams, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock) {
		this.tickets = tickets;
		this.messages = messages;
		this.attachments = attachments;
		this.businessTypes = businessTypes;
		this.customers = customers;
		this.users = users;
		this.teams = teams;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** Opens a ticket with the customer's description as its first message. */
	@Transactional
	public TicketId open(NewTicket request, Actor by) {
		String subject = TicketInput.subject(request.subject());
		String description = TicketInput.body(request.description(), "description");
		BusinessType type = businessTypes.require(request.businessType());
		Priority priority = request.priority() == null ? Priority.NORMAL : request.priority();
		Channel channel = request.channel() == null ? Channel.API : request.channel();
		Set<String> tags = TicketInput.tags(request.tags());
		CustomerId customer;
		if (request.customer() != null) {
			customer = customers.find(request.customer()).map(c -> c.id())
				.orElseThrow(() -> new InvalidInputException("ticket.customer-unknown", request.customer().value()));
		}
		else if (request.contact() != null) {
			customer = customers.identify(request.contact(), by);
		}
		else {
			throw new InvalidInputException("ticket.customer-required");
		}
		checkAssignee(request.assignee());
		checkTeam(request.team());
		Instant now = clock.instant();
		long number = jdbc.sql("select nextval('ticket_number_seq')").query(Long.class).single();
		Ticket ticket = new Ticket(number, subject, type.code(), priority, channel, customer.value(), by.userId(), now);
		if (!tags.isEmpty()) {
			ticket.tag(tags, now);
		}
		Map<String, String> fields = FieldValues.apply(businessTypes.fields(type.code()), Map.of(), request.fields(),
				true);
		if (!fields.isEmpty()) {
			ticket.fill(fields, now);
		}
		if (request.assignee() != null || request.team() != null) {
			ticket.assign(request.assignee(), request.team(), now);
		}
		tickets.save(ticket);
		TicketMessage first = ticket.add(Author.CUSTOMER, null, customer.value(), Visibility.PUBLIC, description,
				channel, now);
		messages.save(first);
		if (attach(ticket, first, request.attachments(), by) > 0) {
			ticket.attachmentsAdded();
		}
		TicketId id = new TicketId(ticket.id());
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("number", number);
		values.put("subject", subject);
		values.put("status", ticket.status().code());
		values.put("businessType", type.code());
		values.put("priority", priority.code());
		values.put("channel", channel.code());
		values.put("customer", customer.value());
		if (ticket.assigneeId() != null) {
			values.put("assignee", ticket.assigneeId());
		}
		if (ticket.teamId() != null) {
			values.put("team", ticket.teamId());
		}
		if (!tags.isEmpty()) {
			values.put("tags", new TreeSet<>(tags));
		}
		fields.forEach((key, value) -> values.put("fields." + key, value));
		events.publishEvent(new TicketCreated(id, number, type.code(), channel, customer, values, by));
		return id;
	}

	/** Changes a ticket's properties; the status moves last, so "assign and solve" is one change. */
	@Transactional
	public void change(TicketId id, TicketChange change, Actor by) {
		Ticket ticket = lock(id);
		Instant now = clock.instant();
		Changes changes = new Changes();
		if (change.subject() != null) {
			String subject = TicketInput.subject(change.subject());
			changes.record("subject", ticket.subject(), subject);
			if (!subject.equals(ticket.subject())) {
				ticket.retitle(subject, now);
			}
		}
		if (change.businessType() != null && !change.businessType().equals(ticket.businessType())) {
			String type = businessTypes.require(change.businessType()).code();
			changes.record("businessType", ticket.businessType(), type);
			ticket.classify(type, now);
		}
		if (change.priority() != null && change.priority() != ticket.priority()) {
			changes.record("priority", ticket.priority().code(), change.priority().code());
			ticket.prioritise(change.priority(), now);
		}
		if (change.assignee() != null || change.team() != null) {
			Long assignee = change.assignee() == null ? ticket.assigneeId() : change.assignee().orElse(null);
			Long team = change.team() == null ? ticket.teamId() : change.team().orElse(null);
			if (!java.util.Objects.equals(assignee, ticket.assigneeId())
					|| !java.util.Objects.equals(team, ticket.teamId())) {
				if (!java.util.Objects.equals(assignee, ticket.assigneeId())) {
					checkAssignee(assignee);
				}
				if (!java.util.Objects.equals(team, ticket.teamId())) {
					checkTeam(team);
				}
				if (!java.util.Objects.equals(assignee, ticket.assigneeId())) {
					handOver(ticket, assignee, change.handOverNote(), by, now);
				}
				TicketStatus statusBefore = ticket.status();
				changes.record("assignee", ticket.assigneeId(), assignee);
				changes.record("team", ticket.teamId(), team);
				ticket.assign(assignee, team, now);
				changes.record("status", statusBefore.code(), ticket.status().code());
			}
		}
		if (change.tags() != null) {
			Set<String> tags = TicketInput.tags(change.tags());
			if (!tags.equals(ticket.tags())) {
				changes.record("tags", new TreeSet<>(ticket.tags()), new TreeSet<>(tags));
				ticket.tag(tags, now);
			}
		}
		if (change.fields() != null && !change.fields().isEmpty()) {
			Map<String, String> before = ticket.fields();
			Map<String, String> after = FieldValues.apply(businessTypes.fields(ticket.businessType()), before,
					change.fields(), false);
			if (!after.equals(before)) {
				java.util.Set<String> keys = new java.util.LinkedHashSet<>(before.keySet());
				keys.addAll(after.keySet());
				keys.forEach(key -> changes.record("fields." + key, before.get(key), after.get(key)));
				ticket.fill(after, now);
			}
		}
		if (change.status() != null && change.status() != ticket.status()) {
			String before = changes.touched("status") ? (String) changes.before().get("status")
					: ticket.status().code();
			ticket.moveTo(change.status(), now);
			changes.record("status", before, ticket.status().code());
		}
		if (!changes.isEmpty()) {
			events.publishEvent(new TicketChanged(id, ticket.number(), changes.before(), changes.after(), by));
		}
	}

	/**
	 * First-contact ownership (首问负责制): a person moving a ticket away from the agent who owns it —
	 * to a colleague or back to the queue — hands it over with a note, kept as an internal note and
	 * in the history. Taking an unowned ticket needs none; neither do rules and the system, which
	 * sign their changes with their own names.
	 */
	private void handOver(Ticket ticket, Long to, String note, Actor by, Instant now) {
		Long from = ticket.assigneeId();
		if (from == null || by.isSystem()) {
			return;
		}
		String text = note == null ? "" : note.strip();
		if (text.isEmpty()) {
			throw new InvalidInputException("ticket.hand-over-note-required");
		}
		if (text.length() > 2000) {
			throw new InvalidInputException("validation.too-long", "handOverNote", 2000);
		}
		TicketMessage added = ticket.add(Author.AGENT, by.userId(), null, Visibility.INTERNAL, text, ticket.channel(), now);
		messages.save(added);
		TicketId id = new TicketId(ticket.id());
		events.publishEvent(new TicketMessageAdded(id, ticket.number(), added.id(), Author.AGENT, Visibility.INTERNAL,
				0, by));
		events.publishEvent(new TicketHandedOver(id, ticket.number(), from, to, text, by));
	}

	/**
	 * Adds a message. A customer writing to a merged ticket writes to the ticket it was merged into;
	 * a customer writing to a closed ticket opens a follow-up linked to it. Staff cannot write to
	 * either.
	 */
	@Transactional
	public ReplyOutcome reply(TicketId id, NewMessage message, Actor by) {
		String body = TicketInput.body(message.body(), "body");
		if (message.author() == Author.CUSTOMER && message.visibility() == Visibility.INTERNAL) {
			throw new InvalidInputException("ticket.customer-note-refused");
		}
		Ticket ticket = lock(id);
		if (message.author() == Author.CUSTOMER) {
			int hops = 0;
			while (ticket.mergedIntoId() != null && hops++ < 10) {
				ticket = lock(new TicketId(ticket.mergedIntoId()));
			}
			if (ticket.status() == TicketStatus.CLOSED) {
				return followUp(ticket, body, message, by);
			}
		}
		Instant now = clock.instant();
		TicketStatus before = ticket.status();
		TicketMessage added = ticket.add(message.author(), message.author() == Author.CUSTOMER ? null : by.userId(),
				message.author() == Author.CUSTOMER ? ticket.customerId() : null, message.visibility(), body,
				message.via() == null ? ticket.channel() : message.via(), now);
		messages.save(added);
		int attached = attach(ticket, added, message.attachments(), by);
		if (attached > 0) {
			ticket.attachmentsAdded();
		}
		if (message.then() != null && message.author() == Author.AGENT) {
			ticket.moveTo(message.then(), now);
		}
		TicketId landed = new TicketId(ticket.id());
		events.publishEvent(new TicketMessageAdded(landed, ticket.number(), added.id(), message.author(),
				message.visibility(), attached, by));
		if (ticket.status() != before) {
			events.publishEvent(new TicketChanged(landed, ticket.number(), Map.of("status", before.code()),
					Map.of("status", ticket.status().code()), by));
		}
		return new ReplyOutcome(landed, ticket.number(), added.id(), false);
	}

	/** Merges one ticket into another; the source closes and its conversation moves to the target. */
	@Transactional
	public void merge(TicketId source, TicketId target, Actor by) {
		if (source.equals(target)) {
			throw new ConflictException("ticket.merge-into-itself", source.value());
		}
		// lock in id order so that two opposite merges cannot deadlock
		Ticket first = lock(source.value() < target.value() ? source : target);
		Ticket second = lock(source.value() < target.value() ? target : source);
		Ticket from = first.id() == source.value() ? first : second;
		Ticket into = from == first ? second : first;
		Instant now = clock.instant();
		from.mergeInto(into, now);
		if (jdbc.sql("update ticket_attachment set ticket_id = ? where ticket_id = ?").params(into.id(), from.id())
			.update() > 0) {
			into.attachmentsAdded();
		}
		TicketMessage note = into.add(Author.SYSTEM, by.userId(), null, Visibility.INTERNAL,
				"工单 #" + from.number() + " 已合并到本工单。\nTicket #" + from.number() + " was merged into this ticket.",
				into.channel(), now);
		messages.save(note);
		events.publishEvent(new TicketsMerged(source, from.number(), target, into.number(), by));
	}

	public TicketDetail detail(TicketId id) {
		Ticket ticket = tickets.findById(id.value())
			.orElseThrow(() -> new NotFoundException("ticket.not-found", id.value()));
		List<Long> messageIds = ticket.messages().stream().map(TicketMessage::id).toList();
		Map<Long, List<AttachmentView>> files = ticket.hasAttachments() ? attachmentsOf(messageIds) : Map.of();
		List<TicketDetail.MessageView> thread = new ArrayList<>();
		for (TicketMessage m : ticket.messages()) {
			thread.add(new TicketDetail.MessageView(m.id(), m.author(), m.authorUserId(), m.authorCustomerId(),
					m.visibility(), m.body(), m.channel(), m.createdAt(), files.getOrDefault(m.id(), List.of())));
		}
		Long mergedInto = ticket.mergedIntoId() == null ? null
				: tickets.findById(ticket.mergedIntoId()).map(Ticket::number).orElse(null);
		Long followUpOf = ticket.followUpOfId() == null ? null
				: tickets.findById(ticket.followUpOfId()).map(Ticket::number).orElse(null);
		return new TicketDetail(summary(ticket), mergedInto, followUpOf, ticket.createdById(),
				ticket.firstRepliedAt(), ticket.solvedAt(), ticket.closedAt(), ticket.fields(), thread);
	}

	private Map<Long, List<AttachmentView>> attachmentsOf(List<Long> messageIds) {
		if (messageIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, List<AttachmentView>> files = new java.util.HashMap<>();
		jdbc.sql("""
				select message_id, id, filename, content_type, size, created_at from ticket_attachment
				where message_id = any(?) order by id""")
			.param(messageIds.toArray(Long[]::new))
			.query((rs, n) -> files.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new AttachmentView(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
						rs.getTimestamp(6).toInstant())))
			.list();
		return files;
	}

	public Optional<TicketId> byNumber(long number) {
		return tickets.findByNumber(number).map(t -> new TicketId(t.id()));
	}

	public TicketSummary summary(TicketId id) {
		return tickets.findById(id.value()).map(Tickets::summary)
			.orElseThrow(() -> new NotFoundException("ticket.not-found", id.value()));
	}

	public long count() {
		return tickets.count();
	}

	private ReplyOutcome followUp(Ticket closed, String body, NewMessage message, Actor by) {
		Instant now = clock.instant();
		long number = jdbc.sql("select nextval('ticket_number_seq')").query(Long.class).single();
		Ticket ticket = new Ticket(number, closed.subject(), closed.businessType(), closed.priority(),
				message.via() == null ? closed.channel() : message.via(), closed.customerId(), null, now);
		ticket.followUp(closed);
		tickets.save(ticket);
		TicketMessage first = ticket.add(Author.CUSTOMER, null, closed.customerId(), Visibility.PUBLIC, body,
				ticket.channel(), now);
		messages.save(first);
		if (attach(ticket, first, message.attachments(), by) > 0) {
			ticket.attachmentsAdded();
		}
		TicketId id = new TicketId(ticket.id());
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("number", number);
		values.put("subject", ticket.subject());
		values.put("followUpOf", closed.number());
		values.put("businessType", ticket.businessType());
		values.put("customer", closed.customerId());
		events.publishEvent(new TicketCreated(id, number, ticket.businessType(), ticket.channel(),
				new CustomerId(closed.customerId()), values, by));
		return new ReplyOutcome(id, number, first.id(), true);
	}

	private int attach(Ticket ticket, TicketMessage message, Collection<Long> ids, Actor by) {
		if (ids.isEmpty()) {
			return 0;
		}
		// one by one: files uploaded in this transaction (a mail's, a chat's) come from the session, unqueried
		List<Attachment> files = new java.util.ArrayList<>();
		for (Long id : new LinkedHashSet<>(ids)) {
			files.add(attachments.findById(id).orElseThrow(() -> new InvalidInputException("ticket.attachment.unknown")));
		}
		for (Attachment file : files) {
			if (file.attached() || (by.userId() != null && !by.userId().equals(file.uploadedBy()))) {
				throw new InvalidInputException("ticket.attachment.unavailable", file.id());
			}
			file.attachTo(ticket.id(), message.id());
		}
		return files.size();
	}

	private Ticket lock(TicketId id) {
		return tickets.lock(id.value()).orElseThrow(() -> new NotFoundException("ticket.not-found", id.value()));
	}

	private void checkAssignee(Long assignee) {
		if (assignee == null) {
			return;
		}
		Optional<UserSummary> user = users.find(new UserId(assignee));
		if (user.isEmpty() || !user.get().enabled()) {
			throw new InvalidInputException("ticket.assignee-unknown", assignee);
		}
	}

	private void checkTeam(Long team) {
		if (team != null && teams.find(new TeamId(team)).filter(t -> t.active()).isEmpty()) {
			throw new InvalidInputException("ticket.team-unknown", team);
		}
	}

	static TicketSummary summary(Ticket t) {
		return new TicketSummary(new TicketId(t.id()), t.number(), t.subject(), t.status(), t.priority(),
				t.businessType(), t.channel(), new CustomerId(t.customerId()), t.assigneeId(), t.teamId(), t.tags(),
				t.createdAt(), t.updatedAt());
	}
}
