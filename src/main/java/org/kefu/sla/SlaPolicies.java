package org.kefu.sla;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.kefu.calendar.Calendars;
import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.Channel;
import org.kefu.ticket.Priority;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The SLA policies, in the order they are tried. */
@Service
@Transactional(readOnly = true)
public class SlaPolicies {

	/** The longest target: a quarter of a year of business seconds. */
	private static final int MAX_TARGET = 90 * 24 * 3600;

	private final JdbcClient jdbc;
	private final Calendars calendars;
	private final BusinessTypes businessTypes;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	SlaPolicies(JdbcClient jdbc, Calendars calendars, BusinessTypes businessTypes, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.calendars = calendars;
		this.businessTypes = businessTypes;
		this.events = events;
		this.clock = clock;
	}

	/** What an administrator enters for a policy. */
	public record PolicyInput(String name, Integer position, Boolean active, Set<String> channels,
			Set<String> businessTypes, Set<String> priorities, Set<Integer> grades, Integer firstResponse,
			Integer nextResponse, Integer resolution, Integer warnPercent, Long calendar) {
	}

	/** An SLA policy was added, changed or removed. */
	public record PolicyChanged(long policy, String action, Map<String, ?> after, Actor by) implements Audited {

		@Override
		public AuditRecord auditRecord() {
			return new AuditRecord("sla_policy", String.valueOf(policy), action, Map.of(), after, by);
		}
	}

	private static final String COLUMNS = """
			id, name, position, active, channels, business_types, priorities, grades, first_response_seconds,
			next_response_seconds, resolution_seconds, warn_percent, calendar_id, updated_at""";

	public List<SlaPolicy> all() {
		return jdbc.sql("select " + COLUMNS + " from sla_policy order by position, id").query(SlaPolicies::row).list();
	}

	public SlaPolicy get(long id) {
		return jdbc.sql("select " + COLUMNS + " from sla_policy where id = ?")
			.param(id)
			.query(SlaPolicies::row)
			.optional()
			.orElseThrow(() -> new NotFoundException("sla.policy-not-found", id));
	}

	/** The first active policy, in order, that holds for these facts. */
	public Optional<SlaPolicy> choose(SlaPolicy.Facts facts) {
		return all().stream().filter(p -> p.matches(facts)).findFirst();
	}

	@Transactional
	public long create(PolicyInput input, Actor by) {
		PolicyInput p = check(input);
		long id;
		try {
			id = jdbc.sql("""
					insert into sla_policy (name, position, active, channels, business_types, priorities, grades,
					  first_response_seconds, next_response_seconds, resolution_seconds, warn_percent, calendar_id,
					  updated_at)
					values (?, ?, ?, ?::text[], ?::text[], ?::text[], ?::int[], ?, ?, ?, ?, ?, ?) returning id""")
				.params(values(p))
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("sla.policy-name-taken", p.name());
		}
		events.publishEvent(new PolicyChanged(id, "created", summary(p), by));
		return id;
	}

	@Transactional
	public void update(long id, PolicyInput input, Actor by) {
		get(id);
		PolicyInput p = check(input);
		Object[] values = values(p);
		Object[] withId = Arrays.copyOf(values, values.length + 1);
		withId[values.length] = id;
		try {
			jdbc.sql("""
					update sla_policy set name = ?, position = ?, active = ?, channels = ?::text[],
					  business_types = ?::text[], priorities = ?::text[], grades = ?::int[], first_response_seconds = ?,
					  next_response_seconds = ?, resolution_seconds = ?, warn_percent = ?, calendar_id = ?, updated_at = ?
					where id = ?""")
				.params(withId)
				.update();
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("sla.policy-name-taken", p.name());
		}
		events.publishEvent(new PolicyChanged(id, "updated", summary(p), by));
	}

	@Transactional
	public void delete(long id, Actor by) {
		SlaPolicy policy = get(id);
		jdbc.sql("delete from sla_policy where id = ?").param(id).update();
		events.publishEvent(new PolicyChanged(id, "deleted", Map.of("name", policy.name()), by));
	}

	private PolicyInput check(PolicyInput in) {
		String name = in.name() == null ? "" : in.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			throw new InvalidInputException("sla.policy-name-required");
		}
		Set<String> channels = codes(in.channels());
		for (String c : channels) {
			if (Arrays.stream(Channel.values()).noneMatch(x -> x.code().equals(c))) {
				throw new InvalidInputException("sla.channel-unknown", c);
			}
		}
		Set<String> types = codes(in.businessTypes());
		for (String t : types) {
			businessTypes.require(t);
		}
		Set<String> priorities = codes(in.priorities());
		for (String p : priorities) {
			if (Arrays.stream(Priority.values()).noneMatch(x -> x.code().equals(p))) {
				throw new InvalidInputException("sla.priority-unknown", p);
			}
		}
		Set<Integer> grades = in.grades() == null ? Set.of() : new LinkedHashSet<>(in.grades());
		for (Integer g : grades) {
			if (g == null || g < 1 || g > 4) {
				throw new InvalidInputException("sla.grade-unknown", g);
			}
		}
		for (Integer target : java.util.Arrays.asList(in.firstResponse(), in.nextResponse(), in.resolution())) {
			if (target != null && (target <= 0 || target > MAX_TARGET)) {
				throw new InvalidInputException("sla.target-invalid", MAX_TARGET / 86400);
			}
		}
		if (in.firstResponse() == null && in.nextResponse() == null && in.resolution() == null) {
			throw new InvalidInputException("sla.no-target");
		}
		int warn = in.warnPercent() == null ? 80 : in.warnPercent();
		if (warn < 1 || warn > 99) {
			throw new InvalidInputException("sla.warn-invalid");
		}
		if (in.calendar() != null) {
			calendars.get(in.calendar());
		}
		return new PolicyInput(name, in.position() == null ? 100 : in.position(), in.active() == null || in.active(),
				channels, types, priorities, grades, in.firstResponse(), in.nextResponse(), in.resolution(), warn,
				in.calendar());
	}

	private static Set<String> codes(Set<String> values) {
		Set<String> codes = new LinkedHashSet<>();
		if (values != null) {
			values.stream().filter(v -> v != null && !v.isBlank()).map(v -> v.strip().toLowerCase()).forEach(codes::add);
		}
		return codes;
	}

	private Object[] values(PolicyInput p) {
		return new Object[] { p.name(), p.position(), p.active(), array(p.channels()), array(p.businessTypes()),
				array(p.priorities()), array(p.grades()), p.firstResponse(), p.nextResponse(), p.resolution(),
				p.warnPercent(), p.calendar(), Timestamp.from(clock.instant()) };
	}

	/** A PostgreSQL array literal of plain codes (letters, digits, _ and -, checked above). */
	private static String array(Set<?> values) {
		return "{" + String.join(",", values.stream().map(String::valueOf).toList()) + "}";
	}

	private static Map<String, Object> summary(PolicyInput p) {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("name", p.name());
		after.put("position", p.position());
		after.put("active", p.active());
		after.put("channels", p.channels());
		after.put("businessTypes", p.businessTypes());
		after.put("priorities", p.priorities());
		after.put("grades", p.grades());
		after.put("firstResponse", p.firstResponse());
		after.put("nextResponse", p.nextResponse());
		after.put("resolution", p.resolution());
		after.put("warnPercent", p.warnPercent());
		after.put("calendar", p.calendar());
		return after;
	}

	private static SlaPolicy row(ResultSet rs, int n) throws SQLException {
		return new SlaPolicy(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), strings(rs.getArray(5)),
				strings(rs.getArray(6)), strings(rs.getArray(7)), ints(rs.getArray(8)), integer(rs, 9), integer(rs, 10),
				integer(rs, 11), rs.getInt(12), rs.getObject(13) == null ? null : rs.getLong(13),
				rs.getTimestamp(14).toInstant());
	}

	private static Integer integer(ResultSet rs, int column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static Set<String> strings(Array array) throws SQLException {
		return array == null ? Set.of() : new LinkedHashSet<>(List.of((String[]) array.getArray()));
	}

	private static Set<Integer> ints(Array array) throws SQLException {
		return array == null ? Set.of() : new LinkedHashSet<>(List.of((Integer[]) array.getArray()));
	}
}
