package org.kefu.routing;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Storage of work items, shared by the queue and the dispatcher. */
@Component
class WorkItems {

	static final String COLUMNS = """
			id, ticket_id, ticket_number, customer_id, subject, channel, business_type, team_id, language,
			required_skills, priority_rank, grade, owner_id, owner_until, arrived_at, state, offered_to, offer_id,
			offer_expires_at, assigned_to, declined_by""";

	private final JdbcClient jdbc;

	WorkItems(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<WorkItem> ofTicket(long ticket, boolean lock) {
		return jdbc.sql("select " + COLUMNS + " from routing_item where ticket_id = ?" + (lock ? " for update" : ""))
			.param(ticket)
			.query((rs, n) -> row(rs))
			.optional();
	}

	Optional<WorkItem> get(long id, boolean lock) {
		return jdbc.sql("select " + COLUMNS + " from routing_item where id = ?" + (lock ? " for update" : ""))
			.param(id)
			.query((rs, n) -> row(rs))
			.optional();
	}

	static WorkItem row(ResultSet rs) throws SQLException {
		return new WorkItem(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
				rs.getString(6), rs.getString(7), longOrNull(rs, 8), rs.getString(9), strings(rs.getArray(10)),
				rs.getInt(11), intOrNull(rs, 12), longOrNull(rs, 13), instant(rs, 14), instant(rs, 15), rs.getString(16),
				longOrNull(rs, 17), longOrNull(rs, 18), instant(rs, 19), longOrNull(rs, 20), longs(rs.getArray(21)));
	}

	static Long longOrNull(ResultSet rs, int column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	static Integer intOrNull(ResultSet rs, int column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}

	private static Set<Long> longs(Array array) throws SQLException {
		return array == null ? Set.of() : new LinkedHashSet<>(List.of((Long[]) array.getArray()));
	}

	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
