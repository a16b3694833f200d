package org.kefu.reply;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kefu.customer.Customers;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.ForbiddenException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.TicketDetail;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saved replies (canned replies, 常用回复): texts an agent inserts into a chat or a ticket reply
 * instead of typing them again. Shared ones are kept by those with {@code reply.manage}; every
 * agent keeps their own. A reply may hold variables filled from the ticket it is used on:
 * {@code {{customer.name}}}, {@code {{agent.name}}}, {@code {{ticket.number}}},
 * {@code {{ticket.subject}}}, {@code {{today}}} and {@code {{field.KEY}}} for a business type's
 * field (an order number). A variable with no value is left out and named, so that the agent sees
 * what to fill in by hand.
 */
@Service
@Transactional(readOnly = true)
public class SavedReplies {

	private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-z]+(?:\\.[A-Za-z0-9_-]+)?)\\s*}}");
	private static final Pattern SHORTCUT = Pattern.compile("[\\p{L}\\p{N}_-]{1,32}");

	private final JdbcClient jdbc;
	private final Tickets tickets;
	private final Customers customers;
	private final Users users;
	private final Clock clock;

	SavedReplies(JdbcClient jdbc, Tickets tickets, Customers customers, Users users, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.customers = customers;
		this.users = users;
		this.clock = clock;
	}

	/** A saved reply; {@code owner} is null for a shared one. */
	public record SavedReply(long id, String title, String shortcut, String body, Long owner, String language,
			Instant updatedAt) {

		public boolean shared() {
			return owner == null;
		}
	}

	/** What an agent enters for a saved reply. */
	public record SavedReplyForm(String title, String shortcut, String body, Boolean shared, String language) {
	}

	/** A saved reply filled in for a ticket, with the variables that had no value. */
	public record Filled(long id, String text, List<String> missing) {
	}

	/** The shared replies and the agent's own, matching the words typed (title, shortcut or text). */
	public List<SavedReply> available(long agent, String query) {
		String q = query == null ? "" : query.strip().toLowerCase();
		return jdbc.sql("""
				select id, title, shortcut, body, owner_id, language, updated_at from reply_saved
				where (owner_id is null or owner_id = :agent)
				  and (:q = '' or lower(title) like :like or lower(coalesce(shortcut, '')) like :like or lower(body) like :like)
				order by case when lower(coalesce(shortcut, '')) = :q then 0 else 1 end, owner_id nulls last, lower(title)
				limit 200""")
			.param("agent", agent).param("q", q).param("like", "%" + escapeLike(q) + "%")
			.query(SavedReplies::reply)
			.list();
	}

	public SavedReply get(long id, long agent) {
		return jdbc.sql("select id, title, shortcut, body, owner_id, language, updated_at from reply_saved where id = ?")
			.param(id)
			.query(SavedReplies::reply)
			.optional().filter(r -> r.shared() || r.owner() == agent)
			.orElseThrow(() -> new NotFoundException("reply.not-found", id));
	}

	/** Saves a new reply: the agent's own, or shared when asked for and allowed. */
	@Transactional
	public SavedReply create(SavedReplyForm form, Actor by, boolean mayShare) {
		boolean shared = Boolean.TRUE.equals(form.shared());
		if (shared && !mayShare) {
			throw new ForbiddenException("reply.share-forbidden");
		}
		Instant now = clock.instant();
		try {
			long id = jdbc.sql("""
					insert into reply_saved (title, shortcut, body, owner_id, language, created_by, created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
				.params(title(form.title()), shortcut(form.shortcut()), body(form.body()), shared ? null : by.userId(),
						language(form.language()), by.userId(), Timestamp.from(now), Timestamp.from(now))
				.query(Long.class).single();
			return get(id, by.userId());
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("reply.shortcut-taken", form.shortcut());
		}
	}

	/** Changes a reply: one's own, or a shared one when allowed. Whether it is shared does not change. */
	@Transactional
	public SavedReply update(long id, SavedReplyForm form, Actor by, boolean mayShare) {
		SavedReply reply = editable(id, by, mayShare);
		try {
			jdbc.sql("update reply_saved set title = ?, shortcut = ?, body = ?, language = ?, updated_at = ? where id = ?")
				.params(title(form.title()), shortcut(form.shortcut()), body(form.body()), language(form.language()),
						Timestamp.from(clock.instant()), reply.id())
				.update();
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("reply.shortcut-taken", form.shortcut());
		}
		return get(id, by.userId());
	}

	@Transactional
	public void delete(long id, Actor by, boolean mayShare) {
		editable(id, by, mayShare);
		jdbc.sql("delete from reply_saved where id = ?").param(id).update();
	}

	private SavedReply editable(long id, Actor by, boolean mayShare) {
		SavedReply reply = get(id, by.userId());
		if (reply.shared() && !mayShare) {
			throw new ForbiddenException("reply.share-forbidden");
		}
		return reply;
	}

	/** The reply's text with its variables filled from this ticket and this agent. */
	public Filled fill(long id, TicketId ticket, Actor agent) {
		SavedReply reply = get(id, agent.userId());
		Filled filled = fill(reply.body(), ticket, agent);
		return new Filled(reply.id(), filled.text(), filled.missing());
	}

	/**
	 * Any text with saved-reply variables ({@code {{customer.name}}}, {@code {{field.order_no}}}…)
	 * filled from this ticket and this agent (or rule); a variable without a value is left out and
	 * named in {@code missing}. The id of the result is 0.
	 */
	public Filled fill(String body, TicketId ticket, Actor agent) {
		Map<String, String> values = values(ticket, agent);
		List<String> missing = new ArrayList<>();
		Matcher m = VARIABLE.matcher(body);
		StringBuilder text = new StringBuilder();
		while (m.find()) {
			String value = values.get(m.group(1));
			if (value == null || value.isBlank()) {
				if (!missing.contains(m.group(1))) {
					missing.add(m.group(1));
				}
				value = "";
			}
			m.appendReplacement(text, Matcher.quoteReplacement(value));
		}
		m.appendTail(text);
		return new Filled(0, text.toString().replaceAll("[ \\t]+([，。,.!?！？])", "$1").strip(), missing);
	}

	private Map<String, String> values(TicketId id, Actor agent) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("agent.name", agent.userId() == null ? null
				: users.find(new UserId(agent.userId())).map(u -> u.displayName()).orElse(null));
		values.put("today", LocalDate.now(clock).toString());
		if (id == null) {
			return values;
		}
		TicketDetail detail = tickets.detail(id);
		values.put("ticket.number", String.valueOf(detail.ticket().number()));
		values.put("ticket.subject", detail.ticket().subject());
		if (detail.ticket().customer() != null) {
			customers.find(detail.ticket().customer()).ifPresent(c -> values.put("customer.name", c.name()));
		}
		detail.fields().forEach((key, value) -> values.put("field." + key, value));
		return values;
	}

	private static SavedReply reply(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		long owner = rs.getLong(5);
		boolean shared = rs.wasNull();
		return new SavedReply(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), shared ? null : owner,
				rs.getString(6), rs.getTimestamp(7).toInstant());
	}

	private static String title(String title) {
		if (title == null || title.isBlank()) {
			throw new InvalidInputException("validation.required", "title");
		}
		if (title.strip().length() > 100) {
			throw new InvalidInputException("validation.too-long", "title", 100);
		}
		return title.strip();
	}

	private static String shortcut(String shortcut) {
		if (shortcut == null || shortcut.isBlank()) {
			return null;
		}
		String s = shortcut.strip().replaceFirst("^/", "");
		if (!SHORTCUT.matcher(s).matches()) {
			throw new InvalidInputException("reply.shortcut-invalid", shortcut);
		}
		return s;
	}

	private static String body(String body) {
		if (body == null || body.isBlank()) {
			throw new InvalidInputException("validation.required", "body");
		}
		if (body.length() > 4000) {
			throw new InvalidInputException("validation.too-long", "body", 4000);
		}
		return body.strip();
	}

	private static String language(String language) {
		return language == null || language.isBlank() ? null : language.strip().substring(0, Math.min(8, language.strip().length()));
	}

	private static String escapeLike(String q) {
		return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}
}
