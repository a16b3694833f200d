package org.kefu.schedule;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.notification.Notifications;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.workforce.ContactHistory;
import org.kefu.workforce.Forecasts;
import org.kefu.workforce.Forecasts.ForecastView;
import org.kefu.workforce.Forecasts.IntervalStaffing;
import org.kefu.workforce.Forecasts.Targets;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schedules as a planner keeps them: made for a team over some days from forecasts and targets
 * (the required agents per queue and interval are fixed when the schedule is made), shifts set or
 * pinned by hand, published to the agents, who then see their own shifts.
 */
@Service
@Transactional(readOnly = true)
public class Schedules {

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final Forecasts forecasts;
	private final ContactHistory history;
	private final Teams teams;
	private final org.kefu.identity.Users users;
	private final ShiftPatterns patterns;
	private final Notifications notifications;
	private final JsonMapper json;
	private final Clock clock;

	Schedules(JdbcClient jdbc, JdbcTemplate template, Forecasts forecasts, ContactHistory history, Teams teams,
			org.kefu.identity.Users users, ShiftPatterns patterns, Notifications notifications, JsonMapper json,
			Clock clock) {
		this.users = users;
		this.jdbc = jdbc;
		this.template = template;
		this.forecasts = forecasts;
		this.history = history;
		this.teams = teams;
		this.patterns = patterns;
		this.notifications = notifications;
		this.json = json;
		this.clock = clock;
	}

	/** Labour rules and where the requirement comes from. */
	public record Settings(List<Long> forecasts, Targets targets, int minRestHours, int maxDaysInRow,
			int maxWeeklyHours, List<LocalDate> flexDays) {
	}

	public record ScheduleInput(String name, Long team, LocalDate startsOn, Integer days, List<Long> forecasts,
			Double targetAnswerSeconds, Double targetServiceLevel, Double shrinkage, Double patienceSeconds,
			Double maxOccupancy, Integer concurrency, Integer minRestHours, Integer maxDaysInRow, Integer maxWeeklyHours,
			List<LocalDate> flexDays) {
	}

	public record Summary(long id, String name, long team, String teamName, LocalDate startsOn, int days,
			String timeZone, String status, Long hard, Long medium, Long soft, Double coverage, long requiredTotal,
			Instant solveStartedAt, Instant solveFinishedAt, String solveNote, Instant publishedAt) {

		public LocalDate endsOn() {
			return startsOn.plusDays(days - 1);
		}
	}

	public record Shift(long user, String name, LocalDate day, Long pattern, String code, String kind,
			Instant startsAt, Instant endsAt, Instant breakStartsAt, int breakMinutes, boolean pinned) {
	}

	/** One broken rule of the last solution, with names and times resolved. */
	public record BrokenRule(String rule, Long agent, String agentName, LocalDate day, Instant at, String queue,
			long amount, long reference) {
	}

	public record Interval(Instant start, int required, int scheduled) {
	}

	@Transactional
	public long create(ScheduleInput input, Actor by) {
		if (input.name() == null || input.name().isBlank() || input.name().length() > 120) {
			throw new InvalidInputException("schedule.name");
		}
		if (input.team() == null || teams.find(new TeamId(input.team())).isEmpty()) {
			throw new InvalidInputException("schedule.team", String.valueOf(input.team()));
		}
		if (input.startsOn() == null) {
			throw new InvalidInputException("schedule.starts-on");
		}
		int days = input.days() == null ? 7 : input.days();
		if (days < 1 || days > 42) {
			throw new InvalidInputException("schedule.days", 42);
		}
		if (input.forecasts() == null || input.forecasts().isEmpty()) {
			throw new InvalidInputException("schedule.forecasts");
		}
		Targets targets = new Targets(or(input.targetAnswerSeconds(), 20), or(input.targetServiceLevel(), 0.8),
				or(input.shrinkage(), 0.3), input.patienceSeconds(), or(input.maxOccupancy(), 1.0),
				input.concurrency() == null ? 1 : input.concurrency());
		Settings settings = new Settings(List.copyOf(input.forecasts()), targets,
				range(input.minRestHours(), 11, 0, 24, "minRestHours"), range(input.maxDaysInRow(), 6, 1, 14, "maxDaysInRow"),
				range(input.maxWeeklyHours(), 40, 1, 84, "maxWeeklyHours"),
				input.flexDays() == null ? List.of() : List.copyOf(input.flexDays()));
		ZoneId zone = history.zone();
		Instant from = input.startsOn().atStartOfDay(zone).toInstant();
		Instant to = input.startsOn().plusDays(days).atStartOfDay(zone).toInstant();
		Map<String, TreeMap<Instant, Integer>> required = new LinkedHashMap<>();
		for (long forecast : settings.forecasts()) {
			ForecastView view = forecasts.get(forecast);
			for (IntervalStaffing interval : forecasts.staffing(forecast, targets)) {
				if (!interval.start().isBefore(from) && interval.start().isBefore(to)) {
					required.computeIfAbsent(view.queue(), q -> new TreeMap<>())
						.merge(interval.start(), interval.scheduledAgents(), Math::max);
				}
			}
		}
		long total = required.values().stream().flatMap(m -> m.values().stream()).mapToLong(Integer::longValue).sum();
		long id = jdbc.sql("""
				insert into schedule (name, team_id, starts_on, days, time_zone, settings, status, required_total, created_by, created_at)
				values (?, ?, ?, ?, ?, ?::jsonb, 'draft', ?, ?, ?) returning id""")
			.params(input.name().strip(), input.team(), Date.valueOf(input.startsOn()), days, zone.getId(),
					json.writeValueAsString(settings), total, by.userId(), Timestamp.from(clock.instant()))
			.query(Long.class).single();
		List<Object[]> rows = new ArrayList<>();
		required.forEach((queue, intervals) -> intervals
			.forEach((at, need) -> rows.add(new Object[] { id, queue, Timestamp.from(at), need })));
		template.batchUpdate("insert into schedule_requirement (schedule_id, queue, interval_start, required) values (?, ?, ?, ?)",
				rows);
		return id;
	}

	public List<Summary> all() {
		return jdbc.sql(SUMMARY + " order by s.starts_on desc, s.id desc limit 200").query(this::summary).list();
	}

	public Summary get(long id) {
		return jdbc.sql(SUMMARY + " where s.id = ?").param(id).query(this::summary).optional()
			.orElseThrow(() -> new NotFoundException("schedule.not-found", id));
	}

	public Settings settings(long id) {
		String text = jdbc.sql("select settings::text from schedule where id = ?").param(id).query(String.class).optional()
			.orElseThrow(() -> new NotFoundException("schedule.not-found", id));
		return json.readValue(text, Settings.class);
	}

	public List<Shift> shifts(long id) {
		return named(jdbc.sql(SHIFTS + " where h.schedule_id = ? order by h.user_id, h.day").param(id)
			.query(this::shift).list()).stream()
			.sorted(java.util.Comparator.comparing(Shift::name).thenComparing(Shift::user).thenComparing(Shift::day))
			.toList();
	}

	/** Required and scheduled agents per interval, all queues together. */
	public List<Interval> intervals(long id) {
		Summary schedule = get(id);
		ZoneId zone = ZoneId.of(schedule.timeZone());
		Instant from = schedule.startsOn().atStartOfDay(zone).toInstant();
		int slots = schedule.days() * 48;
		int[] required = new int[slots];
		int[] scheduled = new int[slots];
		jdbc.sql("select interval_start, sum(required) from schedule_requirement where schedule_id = ? group by 1")
			.param(id)
			.query((rs, n) -> {
				int slot = (int) ((rs.getTimestamp(1).toInstant().getEpochSecond() - from.getEpochSecond()) / 1800);
				if (slot >= 0 && slot < slots) {
					required[slot] = rs.getInt(2);
				}
				return null;
			}).list();
		for (Shift shift : shifts(id)) {
			if (shift.startsAt() == null) {
				continue;
			}
			for (long t = shift.startsAt().getEpochSecond(); t < shift.endsAt().getEpochSecond(); t += 1800) {
				boolean onBreak = shift.breakStartsAt() != null && t >= shift.breakStartsAt().getEpochSecond()
						&& t < shift.breakStartsAt().getEpochSecond() + shift.breakMinutes() * 60L;
				int slot = (int) ((t - from.getEpochSecond()) / 1800);
				if (!onBreak && slot >= 0 && slot < slots) {
					scheduled[slot]++;
				}
			}
		}
		List<Interval> intervals = new ArrayList<>(slots);
		for (int i = 0; i < slots; i++) {
			intervals.add(new Interval(from.plusSeconds(i * 1800L), required[i], scheduled[i]));
		}
		return intervals;
	}

	public List<BrokenRule> broken(long id) {
		String text = jdbc.sql("select coalesce(explanation::text, '[]') from schedule where id = ?").param(id)
			.query(String.class).optional().orElse("[]");
		return List.of(json.readValue(text, BrokenRule[].class));
	}

	/**
	 * The planner sets one agent's day by hand: a pattern, or none for a day off; pinned, the solver
	 * keeps it on re-solving.
	 */
	@Transactional
	public void setShift(long id, long user, LocalDate day, Long pattern, boolean pinned) {
		Summary schedule = get(id);
		if (schedule.status().equals("solving")) {
			throw new ConflictException("schedule.solving");
		}
		if (day.isBefore(schedule.startsOn()) || day.isAfter(schedule.endsOn())) {
			throw new InvalidInputException("schedule.day-outside", day);
		}
		if (teams.members(new TeamId(schedule.team())).stream().noneMatch(m -> m.id().value() == user)) {
			throw new InvalidInputException("schedule.not-in-team", user);
		}
		jdbc.sql("delete from schedule_shift where schedule_id = ? and user_id = ? and day = ?")
			.params(id, user, Date.valueOf(day)).update();
		ZoneId zone = ZoneId.of(schedule.timeZone());
		if (pattern == null) {
			if (pinned) {
				jdbc.sql("insert into schedule_shift (schedule_id, user_id, day, pinned) values (?, ?, ?, true)")
					.params(id, user, Date.valueOf(day)).update();
			}
		}
		else {
			var chosen = ShiftPatterns.choices(patterns.get(pattern), 0);
			var choice = chosen.get(chosen.size() / 2);
			Instant midnight = day.atStartOfDay(zone).toInstant();
			jdbc.sql("""
					insert into schedule_shift (schedule_id, user_id, day, pattern_id, starts_at, ends_at, break_starts_at, break_minutes, pinned)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, user, Date.valueOf(day), pattern, Timestamp.from(midnight.plusSeconds(choice.start() * 60L)),
						Timestamp.from(midnight.plusSeconds(choice.end() * 60L)),
						choice.breakStart() < 0 ? null : Timestamp.from(midnight.plusSeconds(choice.breakStart() * 60L)),
						choice.breakMinutes(), pinned)
				.update();
		}
		jdbc.sql("update schedule set status = case when status = 'published' then 'published' else 'solved' end where id = ?")
			.param(id).update();
	}

	/** Publishing tells every agent with a shift in it and shows them their own. */
	@Transactional
	public void publish(long id, Actor by) {
		Summary schedule = get(id);
		if (!schedule.status().equals("solved")) {
			throw new ConflictException("schedule.not-solved", schedule.status());
		}
		jdbc.sql("update schedule set status = 'published', published_at = ?, published_by = ? where id = ?")
			.params(Timestamp.from(clock.instant()), by.userId(), id).update();
		List<Long> agents = jdbc.sql("select distinct user_id from schedule_shift where schedule_id = ? and pattern_id is not null")
			.param(id).query(Long.class).list();
		notifications.notify(agents, "schedule.published",
				List.of(schedule.name(), schedule.startsOn().toString(), schedule.endsOn().toString()), "/my/shifts");
	}

	@Transactional
	public void delete(long id) {
		Summary schedule = get(id);
		if (schedule.status().equals("solving")) {
			throw new ConflictException("schedule.solving");
		}
		jdbc.sql("delete from schedule where id = ?").param(id).update();
	}

	/** An agent's published shifts between two days. */
	public List<Shift> shiftsOf(long user, LocalDate from, LocalDate to) {
		return named(jdbc.sql(SHIFTS + """
				 join schedule s on s.id = h.schedule_id
				where h.user_id = ? and s.status = 'published' and h.pattern_id is not null and h.day between ? and ?
				order by h.starts_at""")
			.params(user, Date.valueOf(from), Date.valueOf(to))
			.query(this::shift).list());
	}

	/** The published shift an agent is in, or next, at a moment (for adherence). */
	public Map<Long, List<Shift>> publishedBetween(Instant from, Instant to) {
		Map<Long, List<Shift>> byUser = new HashMap<>();
		List<Shift> found = jdbc.sql(SHIFTS + """
				 join schedule s on s.id = h.schedule_id
				where s.status = 'published' and h.pattern_id is not null and h.starts_at < ? and h.ends_at > ?
				order by h.starts_at""")
			.params(Timestamp.from(to), Timestamp.from(from))
			.query(this::shift).list();
		named(found).forEach(s -> byUser.computeIfAbsent(s.user(), k -> new ArrayList<>()).add(s));
		return byUser;
	}

	private static final String SUMMARY = """
			select s.id, s.name, s.team_id, null, s.starts_on, s.days, s.time_zone, s.status,
			  s.hard_score, s.medium_score, s.soft_score, s.coverage, s.required_total, s.solve_started_at,
			  s.solve_finished_at, s.solve_note, s.published_at
			from schedule s""";

	private static final String SHIFTS = """
			select h.user_id, null, h.day, h.pattern_id, p.code, p.kind, h.starts_at,
			  h.ends_at, h.break_starts_at, h.break_minutes, h.pinned
			from schedule_shift h left join schedule_pattern p on p.id = h.pattern_id""";

	private Summary summary(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		long team = rs.getLong(3);
		String teamName = teams.find(new TeamId(team)).map(t -> t.name()).orElse("#" + team);
		return new Summary(rs.getLong(1), rs.getString(2), team, teamName, rs.getDate(5).toLocalDate(),
				rs.getInt(6), rs.getString(7), rs.getString(8), (Long) rs.getObject(9), (Long) rs.getObject(10),
				(Long) rs.getObject(11), rs.getObject(12) == null ? null : rs.getDouble(12), rs.getLong(13),
				instant(rs.getTimestamp(14)), instant(rs.getTimestamp(15)), rs.getString(16), instant(rs.getTimestamp(17)));
	}

	private Shift shift(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Shift(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), (Long) rs.getObject(4),
				rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
				instant(rs.getTimestamp(9)), rs.getInt(10), rs.getBoolean(11));
	}

	/** The shifts with their agents' names, read from the people they belong to. */
	private List<Shift> named(List<Shift> shifts) {
		Map<org.kefu.identity.UserId, org.kefu.identity.UserSummary> people = users.find(
				shifts.stream().map(s -> new org.kefu.identity.UserId(s.user())).distinct().toList());
		return shifts.stream().map(s -> {
			var person = people.get(new org.kefu.identity.UserId(s.user()));
			return new Shift(s.user(), person == null ? "#" + s.user() : person.displayName(), s.day(), s.pattern(),
					s.code(), s.kind(), s.startsAt(), s.endsAt(), s.breakStartsAt(), s.breakMinutes(), s.pinned());
		}).toList();
	}

	private static Instant instant(Timestamp at) {
		return at == null ? null : at.toInstant();
	}

	private static double or(Double value, double fallback) {
		return value == null ? fallback : value;
	}

	private static int range(Integer value, int fallback, int min, int max, String field) {
		int v = value == null ? fallback : value;
		if (v < min || v > max) {
			throw new InvalidInputException("schedule.rule-range", field, min, max);
		}
		return v;
	}
}
