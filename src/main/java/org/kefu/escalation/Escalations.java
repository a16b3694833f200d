package org.kefu.escalation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.kefu.calendar.BusinessCalendar;
import org.kefu.calendar.Calendars;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.Users;
import org.kefu.notification.Notifications;
import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.sla.SlaBreached;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.TicketChanged;
import org.kefu.ticket.TicketCreated;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketSummary;
import org.kefu.ticket.Tickets;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ladders, and each ticket's climb up them. A ladder starts when its trigger happens (a ticket
 * of a complaint type opens or becomes one; an SLA clock breaches) and stops when the ticket is
 * solved or closed. Each step is due a stretch of business time after the start, by the ticket
 * team's calendar — so no step falls at midnight unless the ladder runs at night too.
 */
@Service
@Transactional(readOnly = true)
public class Escalations {

	private static final int BATCH = 200;

	private final JdbcClient jdbc;
	private final Tickets tickets;
	private final Calendars calendars;
	private final Teams teams;
	private final Users users;
	private final BusinessTypes businessTypes;
	private final Notifications notifications;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Escalations(JdbcClient jdbc, Tickets tickets, Calendars calendars, Teams teams, Users users,
			BusinessTypes businessTypes, Notifications notifications, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.calendars = calendars;
		this.teams = teams;
		this.users = users;
		this.businessTypes = businessTypes;
		this.notifications = notifications;
		this.events = events;
		this.clock = clock;
	}

	/** A ticket's climb up one ladder, as the ticket and the API show it. */
	public record EscalationView(long id, String ladder, String trigger, Instant startedAt, int stepsTaken, int steps,
			String nextTarget, Instant nextAt, String state) {
	}

	/** What an administrator enters for a ladder. */
	public record LadderInput(String name, String trigger, Set<String> businessTypes, Boolean active, Boolean atNight,
			List<Ladder.Step> steps) {
	}

	/** A ladder was added or changed. */
	public record LadderChanged(long ladder, String action, Map<String, ?> after, Actor by) implements Audited {

		@Override
		public AuditRecord auditRecord() {
			return new AuditRecord("escalation_ladder", String.valueOf(ladder), action, Map.of(), after, by);
		}
	}

	// ---- ladders

	public List<Ladder> all() {
		Map<Long, List<Ladder.Step>> steps = new LinkedHashMap<>();
		jdbc.sql("select ladder_id, position, after_seconds, target from escalation_step order by ladder_id, position")
			.query(rs -> {
				steps.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new Ladder.Step(rs.getInt(2), rs.getInt(3), rs.getString(4)));
			});
		return jdbc.sql("select id, name, trigger, business_types, active, at_night from escalation_ladder order by id")
			.query((rs, n) -> new Ladder(rs.getLong(1), rs.getString(2), rs.getString(3),
					new LinkedHashSet<>(List.of((String[]) rs.getArray(4).getArray())), rs.getBoolean(5), rs.getBoolean(6),
					steps.getOrDefault(rs.getLong(1), List.of())))
			.list();
	}

	public Ladder get(long id) {
		return all().stream()
			.filter(l -> l.id() == id)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("escalation.ladder-not-found", id));
	}

	@Transactional
	public long create(LadderInput input, Actor by) {
		LadderInput in = check(input);
		long id;
		try {
			id = jdbc.sql("""
					insert into escalation_ladder (name, trigger, business_types, active, at_night, updated_at)
					values (?, ?, ?::text[], ?, ?, ?) returning id""")
				.params(in.name(), in.trigger(), "{" + String.join(",", in.businessTypes()) + "}", in.active(),
						in.atNight(), Timestamp.from(clock.instant()))
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("escalation.name-taken", in.name());
		}
		writeSteps(id, in.steps());
		events.publishEvent(new LadderChanged(id, "created", summary(in), by));
		return id;
	}

	@Transactional
	public void update(long id, LadderInput input, Actor by) {
		get(id);
		LadderInput in = check(input);
		try {
			jdbc.sql("""
					update escalation_ladder set name = ?, trigger = ?, business_types = ?::text[], active = ?,
					  at_night = ?, updated_at = ? where id = ?""")
				.params(in.name(), in.trigger(), "{" + String.join(",", in.businessTypes()) + "}", in.active(),
						in.atNight(), Timestamp.from(clock.instant()), id)
				.update();
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("escalation.name-taken", in.name());
		}
		writeSteps(id, in.steps());
		events.publishEvent(new LadderChanged(id, "updated", summary(in), by));
	}

	private LadderInput check(LadderInput in) {
		String name = in.name() == null ? "" : in.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			throw new InvalidInputException("escalation.name-required");
		}
		if (!Ladder.TRIGGERS.contains(in.trigger())) {
			throw new InvalidInputException("escalation.trigger-unknown", in.trigger());
		}
		Set<String> types = new LinkedHashSet<>();
		if (in.businessTypes() != null) {
			for (String t : in.businessTypes()) {
				types.add(businessTypes.require(t.strip()).code());
			}
		}
		if (in.trigger().equals("complaint") && types.isEmpty()) {
			throw new InvalidInputException("escalation.types-required");
		}
		if (in.steps() == null || in.steps().isEmpty() || in.steps().size() > 10) {
			throw new InvalidInputException("escalation.steps-required");
		}
		int previous = 0;
		List<Ladder.Step> steps = new ArrayList<>();
		for (Ladder.Step s : in.steps()) {
			if (s == null || !Ladder.TARGETS.contains(s.target()) || s.afterSeconds() <= previous) {
				throw new InvalidInputException("escalation.step-invalid");
			}
			previous = s.afterSeconds();
			steps.add(new Ladder.Step(steps.size(), s.afterSeconds(), s.target()));
		}
		return new LadderInput(name, in.trigger(), types, in.active() == null || in.active(),
				Boolean.TRUE.equals(in.atNight()), steps);
	}

	private void writeSteps(long id, List<Ladder.Step> steps) {
		jdbc.sql("delete from escalation_step where ladder_id = ?").param(id).update();
		for (Ladder.Step s : steps) {
			jdbc.sql("insert into escalation_step (ladder_id, position, after_seconds, target) values (?, ?, ?, ?)")
				.params(id, s.position(), s.afterSeconds(), s.target())
				.update();
		}
	}

	private static Map<String, Object> summary(LadderInput in) {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("name", in.name());
		after.put("trigger", in.trigger());
		after.put("businessTypes", in.businessTypes());
		after.put("active", in.active());
		after.put("atNight", in.atNight());
		after.put("steps", in.steps().stream().map(s -> s.afterSeconds() + "s " + s.target()).toList());
		return after;
	}

	// ---- what starts and stops a climb

	@EventListener
	@Transactional
	void opened(TicketCreated event) {
		startComplaint(event.ticket(), event.businessType());
	}

	@EventListener
	@Transactional
	void changed(TicketChanged event) {
		if (event.changed("status")) {
			TicketSummary t = tickets.summary(event.ticket());
			if (!t.status().isUnsolved()) {
				jdbc.sql("update escalation set state = 'stopped', next_at = null where ticket_id = ? and state = 'running'")
					.param(event.ticket().value())
					.update();
				return;
			}
		}
		if (event.changed("businessType")) {
			startComplaint(event.ticket(), String.valueOf(event.after().get("businessType")));
		}
	}

	@EventListener
	@Transactional
	void breached(SlaBreached event) {
		for (Ladder ladder : all()) {
			if (ladder.active() && ladder.trigger().equals("sla_breached")) {
				start(event.ticket(), ladder);
			}
		}
	}

	private void startComplaint(TicketId ticket, String businessType) {
		for (Ladder ladder : all()) {
			if (ladder.active() && ladder.trigger().equals("complaint") && ladder.businessTypes().contains(businessType)) {
				start(ticket, ladder);
			}
		}
	}

	private void start(TicketId ticket, Ladder ladder) {
		if (ladder.steps().isEmpty()) {
			return;
		}
		TicketSummary t = tickets.summary(ticket);
		if (!t.status().isUnsolved()) {
			return;
		}
		long calendar = calendars.calendarIdOf(t.team());
		Instant now = clock.instant();
		jdbc.sql("""
				insert into escalation (ticket_id, ladder_id, calendar_id, started_at, next_step, next_at, state)
				values (?, ?, ?, ?, 0, ?, 'running') on conflict (ticket_id, ladder_id) do nothing""")
			.params(ticket.value(), ladder.id(), calendar, Timestamp.from(now),
					Timestamp.from(due(ladder, calendar, now, ladder.steps().getFirst())))
			.update();
	}

	/** When a step is due: business time after the start by the calendar, or real time at night too. */
	private Instant due(Ladder ladder, long calendar, Instant start, Ladder.Step step) {
		BusinessCalendar c = ladder.atNight() ? BusinessCalendar.always(ZoneId.of("UTC")) : calendars.calendar(calendar);
		return c.plus(start, Duration.ofSeconds(step.afterSeconds()));
	}

	// ---- the climb

	/** Takes every step now due, each once; returns how many. */
	@Transactional
	public int sweep() {
		Timestamp now = Timestamp.from(clock.instant());
		record Due(long id, long ticket, long ladder, long calendar, Instant started, int step) {
		}
		List<Due> due = jdbc.sql("""
				select id, ticket_id, ladder_id, calendar_id, started_at, next_step from escalation
				where state = 'running' and next_at <= ? order by next_at limit ? for update skip locked""")
			.params(now, BATCH)
			.query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					rs.getTimestamp(5).toInstant(), rs.getInt(6)))
			.list();
		Map<Long, Ladder> ladders = new LinkedHashMap<>();
		all().forEach(l -> ladders.put(l.id(), l));
		for (Due d : due) {
			Ladder ladder = ladders.get(d.ladder());
			TicketSummary t = tickets.summary(new TicketId(d.ticket()));
			Ladder.Step step = ladder.steps().get(Math.min(d.step(), ladder.steps().size() - 1));
			List<Long> to = targets(step.target(), t);
			if (!to.isEmpty()) {
				notifications.notify(to, "escalation.step", List.of(String.valueOf(t.number()), t.subject(),
						ladder.name(), step.target()), "/tickets/" + t.number(), ladder.atNight());
			}
			events.publishEvent(new TicketEscalated(t.id(), ladder.name(), d.step(), step.target(), to));
			int next = d.step() + 1;
			boolean more = next < ladder.steps().size();
			jdbc.sql("update escalation set next_step = ?, next_at = ?, state = ? where id = ?")
				.params(next, more ? Timestamp.from(due(ladder, d.calendar(), d.started(), ladder.steps().get(next))) : null,
						more ? "running" : "done", d.id())
				.update();
		}
		return due.size();
	}

	private List<Long> targets(String target, TicketSummary t) {
		List<Long> to = new ArrayList<>();
		switch (target) {
			case "assignee" -> {
				if (t.assignee() != null) {
					to.add(t.assignee());
				}
			}
			case "team_lead" -> {
				if (t.team() != null) {
					teams.leads(new TeamId(t.team())).forEach(u -> to.add(u.value()));
				}
				if (to.isEmpty()) {
					users.withRole("team_lead").forEach(u -> to.add(u.id().value()));
				}
			}
			default -> users.withRole(target).forEach(u -> to.add(u.id().value()));
		}
		return to;
	}

	/**
	 * Climbs whose next step fell due while nobody watched (history loaded at once, a long
	 * stop) start again from now, instead of every step firing in the next seconds.
	 */
	@Transactional
	public int restartOverdue(Instant now) {
		Map<Long, Ladder> ladders = new LinkedHashMap<>();
		all().forEach(l -> ladders.put(l.id(), l));
		record Row(long id, long ladder, long calendar) {
		}
		List<Row> rows = jdbc.sql("select id, ladder_id, calendar_id from escalation where state = 'running' and next_at < ?")
			.param(Timestamp.from(now))
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.list();
		for (Row r : rows) {
			Ladder l = ladders.get(r.ladder());
			jdbc.sql("update escalation set started_at = ?, next_step = 0, next_at = ? where id = ?")
				.params(Timestamp.from(now), Timestamp.from(due(l, r.calendar(), now, l.steps().getFirst())), r.id())
				.update();
		}
		return rows.size();
	}

	/** The ticket's ladders, running and finished. */
	public List<EscalationView> of(TicketId ticket) {
		Map<Long, Ladder> ladders = new LinkedHashMap<>();
		all().forEach(l -> ladders.put(l.id(), l));
		return jdbc.sql("select id, ladder_id, started_at, next_step, next_at, state from escalation where ticket_id = ? order by id")
			.param(ticket.value())
			.query((rs, n) -> {
				Ladder l = ladders.get(rs.getLong(2));
				int next = rs.getInt(4);
				Timestamp at = rs.getTimestamp(5);
				return new EscalationView(rs.getLong(1), l.name(), l.trigger(), rs.getTimestamp(3).toInstant(), next,
						l.steps().size(), next < l.steps().size() ? l.steps().get(next).target() : null,
						at == null ? null : at.toInstant(), rs.getString(6));
			})
			.list();
	}

	@Configuration(proxyBeanMethods = false)
	static class Task {

		/** The climb as a durable task: on one process at a time, every five seconds. */
		@Bean
		RecurringTask<Void> escalationSweep(Escalations escalations) {
			return Tasks.recurring("escalation-sweep", FixedDelay.ofSeconds(5)).execute((instance, context) -> {
				while (escalations.sweep() >= BATCH) {
					// a backlog after downtime: keep going until it is cleared
				}
			});
		}
	}
}
