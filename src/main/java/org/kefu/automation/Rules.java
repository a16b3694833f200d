package org.kefu.automation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kefu.automation.Rule.Action;
import org.kefu.automation.Rule.Condition;
import org.kefu.automation.Rule.Kind;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.Channel;
import org.kefu.ticket.Priority;
import org.kefu.ticket.TicketStatus;
import org.kefu.webhook.Webhooks;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeping automation rules: reading, checking and saving them. A rule is checked whole before it is
 * saved — every field, operator and value known — so that what runs is what the page showed.
 */
@Service("automationRules")
@Transactional(readOnly = true)
public class Rules {

	/** The events an event rule can listen to. */
	public static final List<String> EVENTS = List.of("ticket.created", "ticket.updated", "ticket.customer_replied",
			"ticket.agent_replied", "sla.warned", "sla.breached");

	/** What a condition can test, and how. */
	public static final Map<String, List<String>> FIELDS = Map.of(
			"status", List.of("is", "is_not"),
			"priority", List.of("is", "is_not"),
			"channel", List.of("is", "is_not"),
			"business_type", List.of("is", "is_not"),
			"team", List.of("is", "is_not", "is_set", "is_empty"),
			"assignee", List.of("is", "is_not", "is_set", "is_empty"),
			"tags", List.of("contains", "not_contains"),
			"subject", List.of("contains", "not_contains"),
			"changed", List.of("is"),
			"hours_in_status", List.of("at_least"));

	/** The properties a {@code set} action sets, and that {@code changed} can name. */
	public static final List<String> SETTABLE = List.of("status", "priority", "business_type");
	public static final List<String> CHANGEABLE = List.of("status", "priority", "business_type", "assignee", "team",
			"tags", "subject");
	public static final List<String> ACTIONS = List.of("set", "assign", "add_tag", "remove_tag", "notify", "reply",
			"webhook");

	private static final int MAX_CONDITIONS = 12;
	private static final int MAX_ACTIONS = 10;

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;
	private final BusinessTypes businessTypes;
	private final Teams teams;
	private final Users users;
	private final Webhooks webhooks;
	private volatile Set<String> listening = Set.of();
	private volatile Instant listeningRead = Instant.EPOCH;
	private volatile Instant changedAt = Instant.EPOCH;

	Rules(JdbcClient jdbc, JsonMapper json, Clock clock, BusinessTypes businessTypes, Teams teams, Users users,
			Webhooks webhooks) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.businessTypes = businessTypes;
		this.teams = teams;
		this.users = users;
		this.webhooks = webhooks;
	}

	/** A rule as typed: checked by {@link #create} and {@link #update}. */
	public record RuleInput(String name, String kind, Set<String> events, List<Condition> conditions,
			List<Action> actions, Boolean active, Integer position) {
	}

	private static final String COLUMNS = "id, name, kind, events, conditions::text, actions::text, active, position, updated_at";

	/**
	 * Whether an active event rule listens to this event: asked before an event is even recorded
	 * for automation, so that a center without rules pays nothing per ticket. Read at most every two
	 * seconds — but on every call for a while after a rule changed here, so a rule switched on acts
	 * on the next ticket.
	 */
	public boolean listening(String event) {
		Instant now = clock.instant();
		if (now.isAfter(listeningRead.plusSeconds(2)) || now.isBefore(changedAt.plusSeconds(5))) {
			listening = Set.copyOf(jdbc.sql(
					"select distinct unnest(events) from automation_rule where active and kind = 'event'")
				.query(String.class).list());
			listeningRead = now;
		}
		return listening.contains(event);
	}

	private void changed() {
		changedAt = clock.instant();
	}

	public List<Rule> all() {
		return jdbc.sql("select " + COLUMNS + " from automation_rule order by position, id").query(this::rule).list();
	}

	/** Active rules of a kind, in order. */
	public List<Rule> active(Kind kind) {
		return jdbc.sql("select " + COLUMNS + " from automation_rule where active and kind = ? order by position, id")
			.param(kind.code()).query(this::rule).list();
	}

	/** The macros an agent can apply. */
	public List<Rule> macros() {
		return active(Kind.MACRO);
	}

	public Rule get(long id) {
		return jdbc.sql("select " + COLUMNS + " from automation_rule where id = ?").param(id).query(this::rule)
			.optional().orElseThrow(() -> new NotFoundException("automation.not-found", id));
	}

	@Transactional
	public Rule create(RuleInput input, Actor by) {
		Checked c = check(input);
		Instant now = clock.instant();
		try {
			long id = jdbc.sql("""
					insert into automation_rule (name, kind, events, conditions, actions, active, position, created_by,
					  created_at, updated_at)
					values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?) returning id""")
				.params(c.name(), c.kind().code(), c.events().toArray(String[]::new),
						json.writeValueAsString(c.conditions()), json.writeValueAsString(c.actions()),
						Boolean.TRUE.equals(input.active()), input.position() == null ? 100 : input.position(),
						by.userId(), Timestamp.from(now), Timestamp.from(now))
				.query(Long.class).single();
			changed();
			return get(id);
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("automation.name-taken", c.name());
		}
	}

	@Transactional
	public Rule update(long id, RuleInput input, Actor by) {
		Rule before = get(id);
		Checked c = check(input);
		try {
			jdbc.sql("""
					update automation_rule set name = ?, kind = ?, events = ?, conditions = cast(? as jsonb),
					  actions = cast(? as jsonb), active = ?, position = ?, updated_at = ? where id = ?""")
				.params(c.name(), c.kind().code(), c.events().toArray(String[]::new),
						json.writeValueAsString(c.conditions()), json.writeValueAsString(c.actions()),
						input.active() == null ? before.active() : input.active(),
						input.position() == null ? before.position() : input.position(), Timestamp.from(clock.instant()),
						id)
				.update();
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("automation.name-taken", c.name());
		}
		changed();
		return get(id);
	}

	@Transactional
	public void setActive(long id, boolean active) {
		if (jdbc.sql("update automation_rule set active = ?, updated_at = ? where id = ?")
			.params(active, Timestamp.from(clock.instant()), id).update() == 0) {
			throw new NotFoundException("automation.not-found", id);
		}
		changed();
	}

	@Transactional
	public void delete(long id) {
		if (jdbc.sql("delete from automation_rule where id = ?").param(id).update() == 0) {
			throw new NotFoundException("automation.not-found", id);
		}
		changed();
	}

	/** One thing a rule did (or was stopped from doing) to a ticket. */
	public record Run(long id, long ticket, Long number, Instant at, String trigger, String outcome, List<String> detail) {
	}

	/** What a rule did lately, newest first; time rules' "conditions not met" left out. */
	public List<Run> runs(long rule, int limit) {
		return jdbc.sql("""
				select r.id, r.ticket_id, t.number, r.at, r.trigger, r.outcome, r.detail::text from automation_run r
				left join ticket t on t.id = r.ticket_id
				where r.rule_id = ? and r.outcome <> 'skipped' order by r.at desc, r.id desc limit ?""")
			.params(rule, Math.max(1, Math.min(limit, 200)))
			.query((rs, n) -> new Run(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getTimestamp(4).toInstant(),
					rs.getString(5), rs.getString(6), json.readValue(rs.getString(7), new TypeReference<List<String>>() {
					})))
			.list();
	}

	/** Per rule, over the last seven days: how often it acted, and how often it was stopped going round. */
	public record Counts(long done, long loops) {
	}

	public Map<Long, Counts> counts() {
		Map<Long, Counts> counts = new java.util.HashMap<>();
		jdbc.sql("""
				select rule_id, count(*) filter (where outcome = 'done'), count(*) filter (where outcome = 'loop_stopped')
				from automation_run where at > ? group by rule_id""")
			.param(Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(7))))
			.query(rs -> {
				counts.put(rs.getLong(1), new Counts(rs.getLong(2), rs.getLong(3)));
			});
		return counts;
	}

	// ---- checking

	private record Checked(String name, Kind kind, Set<String> events, List<Condition> conditions,
			List<Action> actions) {
	}

	private Checked check(RuleInput input) {
		String name = input.name() == null ? "" : input.name().strip();
		if (name.isEmpty()) {
			throw new InvalidInputException("validation.required", "name");
		}
		if (name.length() > 100) {
			throw new InvalidInputException("validation.too-long", "name", 100);
		}
		Kind kind;
		try {
			kind = Kind.ofCode(input.kind() == null ? "" : input.kind().strip());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("api.invalid-value", "kind", input.kind(), "event, time, macro");
		}
		Set<String> events = new LinkedHashSet<>(input.events() == null ? Set.of() : input.events());
		List<Condition> conditions = new ArrayList<>();
		for (Condition c : input.conditions() == null ? List.<Condition>of() : input.conditions()) {
			if (c != null && c.field() != null && !c.field().isBlank()) {
				conditions.add(condition(c));
			}
		}
		List<Action> actions = new ArrayList<>();
		for (Action a : input.actions() == null ? List.<Action>of() : input.actions()) {
			if (a != null && a.type() != null && !a.type().isBlank()) {
				actions.add(action(a));
			}
		}
		switch (kind) {
			case EVENT -> {
				if (events.isEmpty() || !EVENTS.containsAll(events)) {
					throw new InvalidInputException("api.invalid-value", "events", events, String.join(", ", EVENTS));
				}
				if (conditions.stream().anyMatch(c -> c.field().equals("hours_in_status"))) {
					throw new InvalidInputException("automation.hours-only-in-time-rules");
				}
				if (conditions.stream().anyMatch(c -> c.field().equals("changed")) && !events.contains("ticket.updated")) {
					throw new InvalidInputException("automation.changed-needs-update");
				}
			}
			case TIME -> {
				events.clear();
				if (conditions.stream().filter(c -> c.field().equals("hours_in_status")).count() != 1) {
					throw new InvalidInputException("automation.time-needs-hours");
				}
				if (conditions.stream().anyMatch(c -> c.field().equals("changed"))) {
					throw new InvalidInputException("automation.changed-needs-update");
				}
			}
			case MACRO -> {
				events.clear();
				if (!conditions.isEmpty()) {
					throw new InvalidInputException("automation.macro-no-conditions");
				}
			}
		}
		if (conditions.size() > MAX_CONDITIONS) {
			throw new InvalidInputException("automation.too-many", "conditions", MAX_CONDITIONS);
		}
		if (actions.isEmpty()) {
			throw new InvalidInputException("automation.actions-required");
		}
		if (actions.size() > MAX_ACTIONS) {
			throw new InvalidInputException("automation.too-many", "actions", MAX_ACTIONS);
		}
		return new Checked(name, kind, events, conditions, actions);
	}

	private Condition condition(Condition c) {
		String field = c.field().strip();
		String op = c.op() == null ? "" : c.op().strip();
		String value = c.value() == null ? "" : c.value().strip();
		List<String> ops = FIELDS.get(field);
		if (ops == null) {
			throw new InvalidInputException("api.invalid-value", "field", field, String.join(", ", FIELDS.keySet()));
		}
		if (!ops.contains(op)) {
			throw new InvalidInputException("automation.condition-invalid", field, op, value);
		}
		if (op.equals("is_set") || op.equals("is_empty")) {
			return new Condition(field, op, null);
		}
		if (value.isEmpty()) {
			throw new InvalidInputException("automation.condition-invalid", field, op, value);
		}
		boolean known = switch (field) {
			case "status" -> codeOf(() -> TicketStatus.ofCode(value));
			case "priority" -> codeOf(() -> Priority.ofCode(value));
			case "channel" -> codeOf(() -> Channel.ofCode(value));
			case "business_type" -> businessTypes.find(value).isPresent();
			case "team" -> isId(value) && teams.find(new TeamId(Long.parseLong(value))).isPresent();
			case "assignee" -> isId(value) && users.find(new UserId(Long.parseLong(value))).isPresent();
			case "changed" -> CHANGEABLE.contains(value);
			case "hours_in_status" -> value.matches("\\d{1,4}(\\.\\d{1,2})?") && Double.parseDouble(value) > 0;
			default -> value.length() <= 200;
		};
		if (!known) {
			throw new InvalidInputException("automation.condition-invalid", field, op, value);
		}
		return new Condition(field, op, value);
	}

	private Action action(Action a) {
		String type = a.type().strip();
		String field = a.field() == null || a.field().isBlank() ? null : a.field().strip();
		String value = a.value() == null ? "" : a.value().strip();
		boolean valid = switch (type) {
			case "set" -> field != null && SETTABLE.contains(field) && switch (field) {
				case "status" -> codeOf(() -> TicketStatus.ofCode(value));
				case "priority" -> codeOf(() -> Priority.ofCode(value));
				default -> businessTypes.find(value).isPresent();
			};
			case "assign" -> "user".equals(field) ? isId(value) && users.find(new UserId(Long.parseLong(value))).isPresent()
					: "team".equals(field) && isId(value) && teams.find(new TeamId(Long.parseLong(value))).isPresent();
			case "add_tag", "remove_tag" -> value.matches("[\\p{L}\\p{N}_.-]{1,40}");
			case "notify" -> field != null && (List.of("assignee", "team_lead", "team").contains(field)
					|| field.matches("user:\\d{1,18}") && users.find(new UserId(Long.parseLong(field.substring(5)))).isPresent())
					&& !value.isEmpty() && value.length() <= 500;
			case "reply" -> ("public".equals(field) || "internal".equals(field)) && !value.isEmpty()
					&& value.length() <= 4000;
			case "webhook" -> isId(value) && webhooks.active(Long.parseLong(value));
			default -> false;
		};
		if (!valid) {
			throw new InvalidInputException("automation.action-invalid", type, field == null ? "" : field, value);
		}
		return new Action(type, field, value);
	}

	private static boolean isId(String value) {
		return value.matches("\\d{1,18}");
	}

	private static boolean codeOf(Runnable parse) {
		try {
			parse.run();
			return true;
		}
		catch (IllegalArgumentException | NullPointerException e) {
			return false;
		}
	}

	private Rule rule(ResultSet rs, int n) throws SQLException {
		return new Rule(rs.getLong(1), rs.getString(2), Kind.ofCode(rs.getString(3)),
				new LinkedHashSet<>(List.of((String[]) rs.getArray(4).getArray())),
				json.readValue(rs.getString(5), new TypeReference<List<Condition>>() {
				}), json.readValue(rs.getString(6), new TypeReference<List<Action>>() {
				}), rs.getBoolean(7), rs.getInt(8), rs.getTimestamp(9).toInstant());
	}
}
