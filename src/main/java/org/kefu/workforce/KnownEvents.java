package org.kefu.workforce;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.kefu.calendar.BusinessCalendar.SpecialDay;
import org.kefu.calendar.Calendars;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Days the forecast must not treat as normal: what a planner enters (a promotion at 300 %, a
 * holiday eve) and the default calendar's public holidays, which count as holidays without the
 * planner typing them again.
 */
@Service
@Transactional(readOnly = true)
public class KnownEvents {

	public static final List<String> KINDS = List.of("holiday", "eve", "promotion", "other");

	private final JdbcClient jdbc;
	private final Calendars calendars;
	private final Clock clock;

	KnownEvents(JdbcClient jdbc, Calendars calendars, Clock clock) {
		this.jdbc = jdbc;
		this.calendars = calendars;
		this.clock = clock;
	}

	/** An event as the planner entered it; {@code factor} null means "learn it from earlier ones". */
	public record KnownEvent(long id, String name, String kind, LocalDate startsOn, LocalDate endsOn, String queue,
			Double factor) {
	}

	public List<KnownEvent> all() {
		return jdbc.sql("select id, name, kind, starts_on, ends_on, queue, factor from workforce_event order by starts_on desc, id")
			.query((rs, n) -> new KnownEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(), rs.getString(6),
					rs.getObject(7) == null ? null : rs.getDouble(7)))
			.list();
	}

	@Transactional
	public long add(String name, String kind, LocalDate startsOn, LocalDate endsOn, String queue, Double factor) {
		if (name == null || name.isBlank() || name.length() > 120) {
			throw new InvalidInputException("workforce.event-name");
		}
		if (kind == null || !KINDS.contains(kind)) {
			throw new InvalidInputException("workforce.event-kind", String.join(", ", KINDS));
		}
		if (startsOn == null || (endsOn != null && endsOn.isBefore(startsOn))
				|| (endsOn != null && endsOn.isAfter(startsOn.plusDays(60)))) {
			throw new InvalidInputException("workforce.event-dates");
		}
		if (factor != null && (factor < 0 || factor > 50)) {
			throw new InvalidInputException("workforce.event-factor");
		}
		String forQueue = queue == null || queue.isBlank() ? null : ContactHistory.queueName(queue);
		return jdbc.sql("""
				insert into workforce_event (name, kind, starts_on, ends_on, queue, factor, created_at)
				values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(name.strip(), kind, Date.valueOf(startsOn), Date.valueOf(endsOn == null ? startsOn : endsOn), forQueue,
					factor, Timestamp.from(clock.instant()))
			.query(Long.class).single();
	}

	@Transactional
	public void remove(long id) {
		if (jdbc.sql("delete from workforce_event where id = ?").param(id).update() == 0) {
			throw new NotFoundException("workforce.event-not-found", id);
		}
	}

	/** The events that shape a queue's forecast: its own, those for every queue, calendar holidays. */
	public List<Forecaster.Event> forQueue(String queue) {
		List<Forecaster.Event> events = new ArrayList<>();
		for (KnownEvent e : all()) {
			if (e.queue() == null || e.queue().equals(queue)) {
				events.add(new Forecaster.Event(e.name(), e.kind(), e.startsOn(), e.endsOn(), e.factor()));
			}
		}
		calendars.get(calendars.defaultId()).days().stream()
			.filter(d -> d.kind() == SpecialDay.Kind.HOLIDAY)
			.forEach(d -> events.add(new Forecaster.Event(d.name(), "holiday", d.day(), d.day(), null)));
		return events;
	}
}
