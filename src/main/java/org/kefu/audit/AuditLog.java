package org.kefu.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;
import org.kefu.shared.Cursor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.Slice;
import org.slf4j.MDC;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes every audited event into the log within the transaction that made the change, so that
 * a change is never committed without its entry, and reads the log for administrators.
 */
@Service
public class AuditLog {

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@EventListener
	void on(Audited event) {
		record(event.auditRecord());
	}

	void record(AuditRecord record) {
		jdbc.sql("""
				insert into audit_entry (at, actor_id, actor_name, address, request_id, entity_type, entity_id, action,
				                         before, after)
				values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))""")
			.params(Timestamp.from(clock.instant()), record.actor().userId(), record.actor().name(),
					record.actor().address(), MDC.get("requestId"), record.entityType(), record.entityId(),
					record.action(), json.writeValueAsString(record.before()), json.writeValueAsString(record.after()))
			.update();
	}

	/**
	 * Entries newest first, a page at a time.
	 *
	 * @param entityType only this kind of record, or {@code null}
	 * @param entityId   only this record, or {@code null}
	 * @param actor      only what this username did, or {@code null}
	 */
	@Transactional(readOnly = true)
	public Slice<AuditEntry> read(String entityType, String entityId, String actor, Instant from, Instant to,
			String cursor, int limit) {
		int size = Math.max(1, Math.min(limit, 200));
		List<String> where = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (entityType != null && !entityType.isBlank()) {
			where.add("entity_type = :type");
			params.put("type", entityType);
		}
		if (entityId != null && !entityId.isBlank()) {
			where.add("entity_id = :entity");
			params.put("entity", entityId.trim());
		}
		if (actor != null && !actor.isBlank()) {
			where.add("lower(actor_name) = lower(:actor)");
			params.put("actor", actor.trim());
		}
		if (from != null) {
			where.add("at >= :from");
			params.put("from", Timestamp.from(from));
		}
		if (to != null) {
			where.add("at < :to");
			params.put("to", Timestamp.from(to));
		}
		if (cursor != null) {
			Cursor after = Cursor.decode(cursor);
			where.add("(at, id) < (:afterAt, :afterId)");
			try {
				params.put("afterAt", Timestamp.from(Instant.parse(after.value())));
			}
			catch (RuntimeException e) {
				throw new InvalidInputException("api.cursor-invalid");
			}
			params.put("afterId", after.id());
		}
		params.put("limit", size + 1);
		List<AuditEntry> rows = jdbc.sql("""
				select id, at, actor_id, actor_name, address, request_id, entity_type, entity_id, action,
				       before::text, after::text
				from audit_entry""" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
				+ " order by at desc, id desc limit :limit")
			.params(params)
			.query((rs, n) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(),
					(Long) rs.getObject(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
					rs.getString(8), rs.getString(9), changes(rs.getString(10), rs.getString(11))))
			.list();
		if (rows.size() <= size) {
			return new Slice<>(rows, null);
		}
		AuditEntry last = rows.get(size - 1);
		return new Slice<>(rows.subList(0, size), new Cursor(last.at().toString(), last.id()).encode());
	}

	private List<AuditEntry.FieldChange> changes(String beforeJson, String afterJson) {
		Map<String, Object> before = json.readValue(beforeJson, MAP);
		Map<String, Object> after = json.readValue(afterJson, MAP);
		List<AuditEntry.FieldChange> changes = new ArrayList<>();
		Set<String> fields = new LinkedHashSet<>(before.keySet());
		fields.addAll(after.keySet());
		for (String field : fields) {
			changes.add(new AuditEntry.FieldChange(field, before.containsKey(field), text(before.get(field)),
					text(after.get(field))));
		}
		return changes;
	}

	private static String text(Object value) {
		if (value == null) {
			return "—";
		}
		if (value instanceof Collection<?> c) {
			return c.isEmpty() ? "—" : c.stream().map(String::valueOf).collect(Collectors.joining(", "));
		}
		return String.valueOf(value);
	}

	@Transactional(readOnly = true)
	public List<String> entityTypes() {
		return jdbc.sql("select distinct entity_type from audit_entry order by 1").query(String.class).list();
	}
}
