package org.kefu.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.kefu.calendar.BusinessCalendar.Interval;
import org.kefu.calendar.BusinessCalendar.SpecialDay;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The business calendars kept in Kefu, which team works by which, and business time measured by
 * them. A team without a calendar of its own works by the default one.
 */
@Service
@Transactional(readOnly = true)
public class Calendars {

	private static final int MAX_DAYS = 2_000;

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final java.time.Clock clock;
	/** Calendars are read for every clock; a change here clears the cache, other nodes refresh within a minute. */
	private final Cache<Long, BusinessCalendar> cache = Caffeine.newBuilder()
		.expireAfterWrite(1, TimeUnit.MINUTES)
		.maximumSize(1_000)
		.build();

	Calendars(JdbcClient jdbc, ApplicationEventPublisher events, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** A calendar as a list shows it. */
	public record CalendarSummary(long id, String name, String timeZone, boolean defaultCalendar, int holidays,
			int workdays, List<Long> teams) {
	}

	/** A calendar with everything in it. */
	public record CalendarView(long id, String name, String timeZone, boolean defaultCalendar, String note,
			Map<DayOfWeek, List<Interval>> hours, List<SpecialDay> days, List<Long> teams, Instant updatedAt) {

		/** The hours of a weekday as an administrator types them: {@code 09:00-12:00, 13:30-18:00}. */
		public String hoursText(DayOfWeek day) {
			return String.join(", ", hours.getOrDefault(day, List.of()).stream().map(Interval::toString).toList());
		}
	}

	/**
	 * What an administrator enters. {@code days} null keeps the calendar's days; {@code teams} null
	 * keeps its teams.
	 */
	public record CalendarInput(String name, String timeZone, Map<DayOfWeek, List<Interval>> hours,
			List<SpecialDay> days, Collection<Long> teams, Boolean makeDefault, String note) {
	}

	/** What an iCalendar import did. */
	public record ImportResult(int holidays, int workdays, int skipped) {
	}

	public List<CalendarSummary> all() {
		Map<Long, List<Long>> teams = teamsByCalendar();
		return jdbc.sql("""
				select c.id, c.name, c.time_zone, c.is_default,
				       (select count(*) from business_calendar_day d where d.calendar_id = c.id and d.kind = 'holiday'),
				       (select count(*) from business_calendar_day d where d.calendar_id = c.id and d.kind = 'workday')
				from business_calendar c order by c.is_default desc, lower(c.name)""")
			.query((rs, n) -> new CalendarSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
					rs.getInt(5), rs.getInt(6), teams.getOrDefault(rs.getLong(1), List.of())))
			.list();
	}

	public CalendarView get(long id) {
		record Head(String name, String zone, boolean isDefault, String note, Instant updatedAt) {
		}
		Head head = jdbc.sql("select name, time_zone, is_default, note, updated_at from business_calendar where id = ?")
			.param(id)
			.query((rs, n) -> new Head(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
					rs.getTimestamp(5).toInstant()))
			.optional()
			.orElseThrow(() -> new NotFoundException("calendar.not-found", id));
		BusinessCalendar c = load(id, head.zone());
		List<SpecialDay> days = new ArrayList<>(c.days().values());
		days.sort((a, b) -> a.day().compareTo(b.day()));
		return new CalendarView(id, head.name(), head.zone(), head.isDefault(), head.note(), c.week(), days,
				teamsByCalendar().getOrDefault(id, List.of()), head.updatedAt());
	}

	/** The arithmetic of a calendar. */
	public BusinessCalendar calendar(long id) {
		return cache.get(id, key -> {
			String zone = jdbc.sql("select time_zone from business_calendar where id = ?")
				.param(key)
				.query(String.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("calendar.not-found", key));
			return load(key, zone);
		});
	}

	/** The id of the calendar a team works by: its own, or the default. */
	public long calendarIdOf(Long team) {
		if (team != null) {
			Long own = jdbc.sql("select calendar_id from team_calendar where team_id = ?")
				.param(team)
				.query(Long.class)
				.optional()
				.orElse(null);
			if (own != null) {
				return own;
			}
		}
		return defaultId();
	}

	public long defaultId() {
		return jdbc.sql("select id from business_calendar where is_default").query(Long.class).single();
	}

	/** Working time between two moments by a calendar. */
	public Duration businessTime(long id, Instant from, Instant to) {
		if (from == null || to == null) {
			throw new InvalidInputException("calendar.business-time-needs-both");
		}
		return calendar(id).between(from, to);
	}

	@Transactional
	public long create(CalendarInput input, Actor by) {
		CalendarInputs.Checked c = CalendarInputs.check(input, MAX_DAYS);
		long id;
		try {
			id = jdbc.sql("insert into business_calendar (name, time_zone, note, updated_at) values (?, ?, ?, ?) returning id")
				.params(c.name(), c.zone().getId(), input.note() == null ? "" : input.note().strip(), now())
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("calendar.name-taken", c.name());
		}
		writeContents(id, c, input);
		events.publishEvent(new CalendarChanged(id, "created", summary(id, c), by));
		return id;
	}

	@Transactional
	public void update(long id, CalendarInput input, Actor by) {
		get(id);
		CalendarInputs.Checked c = CalendarInputs.check(input, MAX_DAYS);
		try {
			jdbc.sql("update business_calendar set name = ?, time_zone = ?, note = coalesce(?, note), updated_at = ? where id = ?")
				.params(c.name(), c.zone().getId(), input.note() == null ? null : input.note().strip(), now(), id)
				.update();
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("calendar.name-taken", c.name());
		}
		writeContents(id, c, input);
		forget(id);
		events.publishEvent(new CalendarChanged(id, "updated", summary(id, c), by));
	}

	/** Adds or replaces one special day. */
	@Transactional
	public void putDay(long id, SpecialDay day, Actor by) {
		get(id);
		CalendarInputs.checkDay(day);
		upsertDay(id, day);
		touch(id);
		events.publishEvent(new CalendarChanged(id, "day_set",
				Map.of("day", day.day().toString(), "kind", day.kind().code(), "name", day.name()), by));
	}

	@Transactional
	public void removeDay(long id, LocalDate day, Actor by) {
		get(id);
		jdbc.sql("delete from business_calendar_day where calendar_id = ? and day = ?").params(id, day).update();
		touch(id);
		events.publishEvent(new CalendarChanged(id, "day_removed", Map.of("day", day.toString()), by));
	}

	@Transactional
	public void delete(long id, Actor by) {
		CalendarView view = get(id);
		if (view.defaultCalendar()) {
			throw new ConflictException("calendar.default-cannot-go");
		}
		jdbc.sql("delete from business_calendar where id = ?").param(id).update();
		forget(id);
		events.publishEvent(new CalendarChanged(id, "deleted", Map.of("name", view.name()), by));
	}

	/**
	 * Reads the all-day events of an iCalendar file into the calendar's days: holidays, except
	 * events marked as working days (category WORKDAY or 上班/补班/调休上班 in the title), which become
	 * make-up working days. A day already in the calendar takes the file's reading.
	 */
	@Transactional
	public ImportResult importICalendar(long id, InputStream file, Actor by) {
		get(id);
		List<SpecialDay> days;
		int skipped;
		try {
			ICalendarDays.Read read = ICalendarDays.read(file);
			days = read.days();
			skipped = read.skipped();
		}
		catch (IOException | RuntimeException e) {
			throw new InvalidInputException("calendar.ical-unreadable");
		}
		if (days.isEmpty()) {
			throw new InvalidInputException("calendar.ical-empty");
		}
		if (days.size() > MAX_DAYS) {
			throw new InvalidInputException("calendar.too-many-days", MAX_DAYS);
		}
		int holidays = 0;
		int workdays = 0;
		for (SpecialDay day : days) {
			upsertDay(id, day);
			if (day.kind() == SpecialDay.Kind.HOLIDAY) {
				holidays++;
			}
			else {
				workdays++;
			}
		}
		touch(id);
		events.publishEvent(new CalendarChanged(id, "imported",
				Map.of("holidays", holidays, "workdays", workdays, "skipped", skipped), by));
		return new ImportResult(holidays, workdays, skipped);
	}

	/** Parses what an administrator types for a weekday's hours: {@code 09:00-12:00, 13:30-18:00}. */
	public static List<Interval> parseHours(String text) {
		return CalendarInputs.parseHours(text);
	}

	// ---- private

	private BusinessCalendar load(long id, String zone) {
		Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
		jdbc.sql("select weekday, start_minute, end_minute from business_calendar_hours where calendar_id = ? order by 1, 2")
			.param(id)
			.query(rs -> {
				week.computeIfAbsent(DayOfWeek.of(rs.getInt(1)), k -> new ArrayList<>())
					.add(new Interval(rs.getInt(2), rs.getInt(3)));
			});
		Map<LocalDate, SpecialDay> days = new LinkedHashMap<>();
		jdbc.sql("select day, kind, name from business_calendar_day where calendar_id = ? order by day")
			.param(id)
			.query(rs -> {
				LocalDate day = rs.getDate(1).toLocalDate();
				days.put(day, new SpecialDay(day, SpecialDay.Kind.ofCode(rs.getString(2)), rs.getString(3)));
			});
		return new BusinessCalendar(ZoneId.of(zone), week, days);
	}

	/** Hours always; days, teams and the default flag when the input carries them. */
	private void writeContents(long id, CalendarInputs.Checked c, CalendarInput input) {
		writeHours(id, c.hours());
		if (input.days() != null) {
			writeDays(id, input.days());
		}
		if (input.teams() != null) {
			writeTeams(id, input.teams());
		}
		if (Boolean.TRUE.equals(input.makeDefault())) {
			makeDefault(id);
		}
	}

	private Map<Long, List<Long>> teamsByCalendar() {
		Map<Long, List<Long>> teams = new LinkedHashMap<>();
		jdbc.sql("select calendar_id, team_id from team_calendar order by team_id")
			.query(rs -> {
				teams.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
			});
		return teams;
	}

	private void writeHours(long id, Map<DayOfWeek, List<Interval>> hours) {
		jdbc.sql("delete from business_calendar_hours where calendar_id = ?").param(id).update();
		hours.forEach((day, intervals) -> intervals.forEach(i -> jdbc
			.sql("insert into business_calendar_hours (calendar_id, weekday, start_minute, end_minute) values (?, ?, ?, ?)")
			.params(id, day.getValue(), i.start(), i.end())
			.update()));
	}

	private void writeDays(long id, List<SpecialDay> days) {
		jdbc.sql("delete from business_calendar_day where calendar_id = ?").param(id).update();
		days.forEach(d -> upsertDay(id, d));
	}

	private void upsertDay(long id, SpecialDay d) {
		jdbc.sql("""
				insert into business_calendar_day (calendar_id, day, kind, name) values (?, ?, ?, ?)
				on conflict (calendar_id, day) do update set kind = excluded.kind, name = excluded.name""")
			.params(id, d.day(), d.kind().code(), d.name() == null ? "" : d.name().strip())
			.update();
	}

	private void writeTeams(long id, Collection<Long> teams) {
		jdbc.sql("delete from team_calendar where calendar_id = ?").param(id).update();
		for (Long team : teams) {
			try {
				jdbc.sql("""
						insert into team_calendar (team_id, calendar_id) values (?, ?)
						on conflict (team_id) do update set calendar_id = excluded.calendar_id""")
					.params(team, id)
					.update();
			}
			catch (org.springframework.dao.DataIntegrityViolationException e) {
				throw new InvalidInputException("calendar.team-unknown", team);
			}
		}
	}

	private void makeDefault(long id) {
		jdbc.sql("update business_calendar set is_default = false where is_default and id <> ?").param(id).update();
		jdbc.sql("update business_calendar set is_default = true where id = ?").param(id).update();
	}

	private void touch(long id) {
		jdbc.sql("update business_calendar set updated_at = ? where id = ?").params(now(), id).update();
		forget(id);
	}

	/** Clears the cached arithmetic now and again at commit, so nobody reloads the old hours in between. */
	private void forget(long id) {
		cache.invalidate(id);
		org.kefu.platform.AfterCommit.run(() -> cache.invalidate(id));
	}

	private Timestamp now() {
		return Timestamp.from(clock.instant());
	}

	private Map<String, Object> summary(long id, CalendarInputs.Checked c) {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("name", c.name());
		after.put("timeZone", c.zone().getId());
		Map<String, String> hours = new LinkedHashMap<>();
		c.hours().forEach((d, list) -> hours.put(d.name().toLowerCase(),
				String.join(", ", list.stream().map(Interval::toString).toList())));
		after.put("hours", hours);
		return after;
	}
}
