package org.kefu.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.kefu.shared.Cursor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.Slice;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * In-app notices. A notice is a kind and its arguments, shown in the reader's language as the
 * message {@code notification.<kind>}; it links to what it is about.
 */
@Service
@Transactional(readOnly = true)
public class Notifications {

	private final JdbcClient jdbc;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	Notifications(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** One notice as its reader sees it. */
	public record Notice(long id, Instant at, String kind, List<String> args, String link, boolean read) {
	}

	@Transactional
	public void notify(Collection<Long> users, String kind, List<String> args, String link) {
		notify(users, kind, args, link, false);
	}

	/**
	 * Tells these people, in the app now; and (see {@link Noticed}) by mail, in their working hours
	 * unless {@code anyHour}.
	 */
	@Transactional
	public void notify(Collection<Long> users, String kind, List<String> args, String link, boolean anyHour) {
		Timestamp now = Timestamp.from(clock.instant());
		String[] values = args.stream().map(a -> a == null ? "" : a).toArray(String[]::new);
		List<Long> to = users.stream().filter(java.util.Objects::nonNull).distinct().toList();
		for (Long user : to) {
			jdbc.sql("insert into notification (user_id, at, kind, args, link) values (?, ?, ?, ?, ?)")
				.params(user, now, kind, values, link).update();
		}
		if (!to.isEmpty()) {
			events.publishEvent(new Noticed(to, kind, List.of(values), link, anyHour));
		}
	}

	/** Forgets every notice of these kinds (a prefix such as {@code sla.}): for loading history, not for users. */
	@Transactional
	public int forget(String kindPrefix) {
		return jdbc.sql("delete from notification where kind like ?").param(kindPrefix.replace("%", "") + "%").update();
	}

	public long unread(long user) {
		return jdbc.sql("select count(*) from notification where user_id = ? and read_at is null").param(user)
			.query(Long.class).single();
	}

	public Slice<Notice> of(long user, String cursor, int limit) {
		int size = Math.max(1, Math.min(limit, 100));
		String sql = "select id, at, kind, args, link, read_at is not null from notification where user_id = ?";
		List<Notice> rows;
		if (cursor == null) {
			rows = jdbc.sql(sql + " order by at desc, id desc limit ?").params(user, size + 1).query(this::notice).list();
		}
		else {
			Cursor after = Cursor.decode(cursor);
			Instant at;
			try {
				at = Instant.parse(after.value());
			}
			catch (RuntimeException e) {
				throw new InvalidInputException("api.cursor-invalid");
			}
			rows = jdbc.sql(sql + " and (at, id) < (?, ?) order by at desc, id desc limit ?")
				.params(user, Timestamp.from(at), after.id(), size + 1).query(this::notice).list();
		}
		if (rows.size() <= size) {
			return new Slice<>(rows, null);
		}
		Notice last = rows.get(size - 1);
		return new Slice<>(rows.subList(0, size), new Cursor(last.at().toString(), last.id()).encode());
	}

	@Transactional
	public void markAllRead(long user) {
		jdbc.sql("update notification set read_at = ? where user_id = ? and read_at is null")
			.params(Timestamp.from(clock.instant()), user).update();
	}

	private Notice notice(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Notice(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
				List.of((String[]) rs.getArray(4).getArray()), rs.getString(5), rs.getBoolean(6));
	}
}
