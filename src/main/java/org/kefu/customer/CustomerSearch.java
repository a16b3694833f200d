package org.kefu.customer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kefu.shared.Cursor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.Slice;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finding customers in lists: by name or any identity and by tags, newest first, a page at a
 * time, and counting them (segments). Customers merged into another are never listed.
 */
@Service
@Transactional(readOnly = true)
public class CustomerSearch {

	private final JdbcClient jdbc;

	CustomerSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Customers by name or any identity, newest first, a page at a time; customers merged into
	 * another are not listed.
	 */
	public Slice<CustomerView> list(String query, String cursor, int limit) {
		return list(CustomerFilter.matching(query), cursor, limit);
	}

	/** Customers matching the filter, newest first, a page at a time. */
	public Slice<CustomerView> list(CustomerFilter filter, String cursor, int limit) {
		int size = Math.max(1, Math.min(limit, 100));
		StringBuilder sql = new StringBuilder(
				"select id, name, email, phone, created_at from customer c where merged_into_id is null");
		Map<String, Object> params = new LinkedHashMap<>();
		where(filter, sql, params);
		if (cursor != null) {
			Cursor after = Cursor.decode(cursor);
			sql.append(" and (created_at, id) < (:afterAt, :afterId)");
			params.put("afterAt", Timestamp.from(instant(after.value())));
			params.put("afterId", after.id());
		}
		sql.append(" order by created_at desc, id desc limit :limit");
		params.put("limit", size + 1);
		List<CustomerView> rows = jdbc.sql(sql.toString()).params(params)
			.query((rs, n) -> new CustomerView(new CustomerId(rs.getLong(1)), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
		if (rows.size() <= size) {
			return new Slice<>(rows, null);
		}
		CustomerView last = rows.get(size - 1);
		return new Slice<>(rows.subList(0, size), new Cursor(last.createdAt().toString(), last.id().value()).encode());
	}

	/** How many customers match the filter. */
	public long count(CustomerFilter filter) {
		StringBuilder sql = new StringBuilder("select count(*) from customer c where merged_into_id is null");
		Map<String, Object> params = new LinkedHashMap<>();
		where(filter, sql, params);
		return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
	}

	private static void where(CustomerFilter filter, StringBuilder sql, Map<String, Object> params) {
		String query = filter.query();
		if (query != null && !query.isBlank()) {
			String q = query.strip();
			String digits = q.replaceAll("[^0-9+]", "");
			sql.append(" and (name ilike :like or exists (select 1 from customer_identity i where i.customer_id = c.id"
					+ " and (i.value like lower(:prefix)" + (digits.length() >= 3 ? " or i.value like :digits" : "")
					+ ")))");
			params.put("like", "%" + escapeLike(q) + "%");
			params.put("prefix", escapeLike(q) + "%");
			if (digits.length() >= 3) {
				params.put("digits", "%" + digits + "%");
			}
		}
		if (!filter.tags().isEmpty()) {
			sql.append(" and (select count(distinct t.tag) from customer_tag t where t.customer_id = c.id"
					+ " and t.tag = any(:tags)) = :tagCount");
			params.put("tags", filter.tags().stream().map(String::toLowerCase).toArray(String[]::new));
			params.put("tagCount", filter.tags().size());
		}
		if (!filter.withoutTags().isEmpty()) {
			sql.append(" and not exists (select 1 from customer_tag t where t.customer_id = c.id and t.tag = any(:without))");
			params.put("without", filter.withoutTags().stream().map(String::toLowerCase).toArray(String[]::new));
		}
	}

	public long count() {
		return jdbc.sql("select count(*) from customer where merged_into_id is null").query(Long.class).single();
	}

	private static String escapeLike(String s) {
		return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static Instant instant(String value) {
		try {
			return Instant.parse(value);
		}
		catch (RuntimeException e) {
			throw new InvalidInputException("api.cursor-invalid");
		}
	}
}
