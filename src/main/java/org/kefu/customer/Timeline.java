package org.kefu.customer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.kefu.shared.Cursor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.Slice;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's timeline: what happened with them, reported by any module as
 * {@link CustomerActivity}. Entries are written after the reporting transaction commits, from
 * the durable event registry, so a crash in between loses none.
 */
@Service
@Transactional(readOnly = true)
public class Timeline {

	private final JdbcClient jdbc;

	Timeline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One line of the timeline. */
	public record Entry(long id, CustomerId customer, Instant at, String kind, String summary, String link,
			String source) {
	}

	@ApplicationModuleListener
	void on(CustomerActivity activity) {
		jdbc.sql("""
				insert into customer_timeline (customer_id, at, kind, summary, link, source)
				select ?, ?, ?, ?, ?, ? where exists (select 1 from customer where id = ?)""")
			.params(activity.customer().value(), Timestamp.from(activity.at()), activity.kind(), activity.summary(),
					activity.link(), activity.source(), activity.customer().value())
			.update();
	}

	/** The timeline of a customer and everyone merged into them, newest first. */
	public Slice<Entry> of(Set<CustomerId> history, String cursor, int limit) {
		int size = Math.max(1, Math.min(limit, 100));
		Long[] ids = history.stream().map(CustomerId::value).toArray(Long[]::new);
		List<Entry> rows;
		String select = "select id, customer_id, at, kind, summary, link, source from customer_timeline where customer_id = any(?)";
		if (cursor == null) {
			rows = jdbc.sql(select + " order by at desc, id desc limit ?").params(ids, size + 1).query(this::entry).list();
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
			rows = jdbc.sql(select + " and (at, id) < (?, ?) order by at desc, id desc limit ?")
				.params(ids, Timestamp.from(at), after.id(), size + 1).query(this::entry).list();
		}
		if (rows.size() <= size) {
			return new Slice<>(rows, null);
		}
		Entry last = rows.get(size - 1);
		return new Slice<>(rows.subList(0, size), new Cursor(last.at().toString(), last.id()).encode());
	}

	private Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Entry(rs.getLong(1), new CustomerId(rs.getLong(2)), rs.getTimestamp(3).toInstant(), rs.getString(4),
				rs.getString(5), rs.getString(6), rs.getString(7));
	}
}
