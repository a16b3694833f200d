package org.kefu.ticket;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kefu.customer.CustomerId;
import org.kefu.customer.Customers;
import org.kefu.shared.Cursor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.Slice;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue views agents work from (my tickets, unassigned, my team's, all open), with filters,
 * a choice of order and keyset pagination, so that the thousandth page is as fast as the first.
 * With words to look for, the same filters apply to a full-text search.
 */
@Service
@Transactional(readOnly = true)
public class Queues {

	static final String UNSOLVED = "status in ('new', 'open', 'pending', 'on_hold')";
	private static final String COLUMNS = """
			id, number, subject, status, priority, business_type, channel, customer_id, assignee_id, team_id, tags,
			created_at, updated_at""";
	private static final int COUNT_CAP = 1000;

	private final JdbcClient jdbc;
	private final TicketSearch search;
	private final Customers customers;

	Queues(JdbcClient jdbc, TicketSearch search, Customers customers) {
		this.jdbc = jdbc;
		this.search = search;
		this.customers = customers;
	}

	public Slice<TicketSummary> list(QueueQuery query) {
		if (query.searching()) {
			return search.find(query);
		}
		Map<String, Object> params = new HashMap<>();
		StringBuilder where = new StringBuilder(filters(query, params,
				query.customer() == null ? null : ids(customers.history(query.customer()))));
		String order;
		switch (query.sort()) {
			case CREATED -> {
				order = "created_at desc, id desc";
				if (query.cursor() != null) {
					Cursor after = Cursor.decode(query.cursor());
					where.append(" and (created_at, id) < (:afterAt, :afterId)");
					params.put("afterAt", timestamp(after.value()));
					params.put("afterId", after.id());
				}
			}
			case PRIORITY -> {
				order = "priority desc, updated_at desc, id desc";
				if (query.cursor() != null) {
					Cursor after = Cursor.decode(query.cursor());
					String[] parts = after.value().split("@", 2);
					if (parts.length != 2) {
						throw new InvalidInputException("api.cursor-invalid");
					}
					where.append(" and (priority, updated_at, id) < (:afterPriority, :afterAt, :afterId)");
					params.put("afterPriority", (short) parseInt(parts[0]));
					params.put("afterAt", timestamp(parts[1]));
					params.put("afterId", after.id());
				}
			}
			default -> {
				order = "updated_at desc, id desc";
				if (query.cursor() != null) {
					Cursor after = Cursor.decode(query.cursor());
					where.append(" and (updated_at, id) < (:afterAt, :afterId)");
					params.put("afterAt", timestamp(after.value()));
					params.put("afterId", after.id());
				}
			}
		}
		params.put("limit", query.limit() + 1);
		List<TicketSummary> rows = jdbc
			.sql("select " + COLUMNS + " from ticket where " + where + " order by " + order + " limit :limit")
			.params(params)
			.query((rs, n) -> summary(rs))
			.list();
		if (rows.size() <= query.limit()) {
			return new Slice<>(rows, null);
		}
		TicketSummary last = rows.get(query.limit() - 1);
		String value = switch (query.sort()) {
			case CREATED -> last.createdAt().toString();
			case PRIORITY -> last.priority().rank() + "@" + last.updatedAt();
			default -> last.updatedAt().toString();
		};
		return new Slice<>(rows.subList(0, query.limit()), new Cursor(value, last.id().value()).encode());
	}

	/** How many tickets each saved view holds for this viewer; counts stop at 1,000 ("999+"). */
	public Map<QueueQuery.Queue, Long> counts(Long viewer, Set<Long> viewerTeams) {
		Map<QueueQuery.Queue, Long> counts = new EnumMap<>(QueueQuery.Queue.class);
		for (QueueQuery.Queue queue : List.of(QueueQuery.Queue.MINE, QueueQuery.Queue.UNASSIGNED,
				QueueQuery.Queue.TEAM, QueueQuery.Queue.OPEN)) {
			Map<String, Object> params = new HashMap<>();
			String where = filters(QueueQuery.of(queue, viewer, viewerTeams), params, null);
			params.put("cap", COUNT_CAP);
			counts.put(queue, jdbc.sql("select count(*) from (select 1 from ticket where " + where + " limit :cap) t")
				.params(params).query(Long.class).single());
		}
		return counts;
	}

	/** A customer's tickets, those of customers merged into them included, newest first. */
	public List<TicketSummary> ofCustomer(CustomerId customer, int limit) {
		return jdbc.sql("select " + COLUMNS + " from ticket where customer_id = any(?) order by created_at desc limit ?")
			.params(ids(customers.history(customer)), limit)
			.query((rs, n) -> summary(rs))
			.list();
	}

	private static Long[] ids(java.util.Set<CustomerId> customers) {
		return customers.stream().map(CustomerId::value).toArray(Long[]::new);
	}

	/** Tickets by id, in the order given (as a search ranked them). */
	List<TicketSummary> byIds(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, TicketSummary> found = new LinkedHashMap<>();
		jdbc.sql("select " + COLUMNS + " from ticket where id = any(:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, n) -> summary(rs))
			.list()
			.forEach(t -> found.put(t.id().value(), t));
		List<TicketSummary> ordered = new ArrayList<>();
		for (Long id : ids) {
			TicketSummary t = found.get(id);
			if (t != null) {
				ordered.add(t);
			}
		}
		return ordered;
	}

	private static String filters(QueueQuery query, Map<String, Object> params, Long[] customerHistory) {
		List<String> where = new ArrayList<>();
		switch (query.queue()) {
			case MINE -> {
				where.add(UNSOLVED);
				where.add("assignee_id = :viewer");
				params.put("viewer", query.viewer() == null ? -1L : query.viewer());
			}
			case UNASSIGNED -> {
				where.add(UNSOLVED);
				where.add("assignee_id is null");
			}
			case TEAM -> {
				where.add(UNSOLVED);
				if (query.viewerTeams().size() == 1) {
					where.add("team_id = :viewerTeam");
					params.put("viewerTeam", query.viewerTeams().iterator().next());
				}
				else {
					where.add("team_id = any(:viewerTeams)");
					params.put("viewerTeams", query.viewerTeams().toArray(Long[]::new));
				}
			}
			case OPEN -> where.add(UNSOLVED);
			case ALL -> {
			}
		}
		if (!query.statuses().isEmpty()) {
			where.add("status = any(:statuses)");
			params.put("statuses", query.statuses().stream().map(TicketStatus::code).toArray(String[]::new));
		}
		if (query.priority() != null) {
			where.add("priority = :priority");
			params.put("priority", (short) query.priority().rank());
		}
		if (query.businessType() != null && !query.businessType().isBlank()) {
			where.add("business_type = :businessType");
			params.put("businessType", query.businessType());
		}
		if (query.assignee() != null) {
			where.add("assignee_id = :assignee");
			params.put("assignee", query.assignee());
		}
		if (query.team() != null) {
			where.add("team_id = :team");
			params.put("team", query.team());
		}
		if (query.tag() != null && !query.tag().isBlank()) {
			where.add("tags @> array[cast(:tag as text)]");
			params.put("tag", query.tag().trim());
		}
		if (query.channel() != null) {
			where.add("channel = :channel");
			params.put("channel", query.channel().code());
		}
		if (customerHistory != null) {
			where.add("customer_id = any(:customers)");
			params.put("customers", customerHistory);
		}
		return where.isEmpty() ? "true" : String.join(" and ", where);
	}

	static TicketSummary summary(ResultSet rs) throws SQLException {
		Array tags = rs.getArray(11);
		Set<String> tagSet = tags == null ? Set.of()
				: new LinkedHashSet<>(Arrays.asList((String[]) tags.getArray()));
		long assignee = rs.getLong(9);
		Long assigneeId = rs.wasNull() ? null : assignee;
		long team = rs.getLong(10);
		Long teamId = rs.wasNull() ? null : team;
		return new TicketSummary(new TicketId(rs.getLong(1)), rs.getLong(2), rs.getString(3),
				TicketStatus.ofCode(rs.getString(4)), Priority.ofRank(rs.getShort(5)), rs.getString(6),
				Channel.ofCode(rs.getString(7)), new CustomerId(rs.getLong(8)), assigneeId, teamId, tagSet,
				rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant());
	}

	private static Timestamp timestamp(String value) {
		try {
			return Timestamp.from(Instant.parse(value));
		}
		catch (RuntimeException e) {
			throw new InvalidInputException("api.cursor-invalid");
		}
	}

	private static int parseInt(String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("api.cursor-invalid");
		}
	}
}
