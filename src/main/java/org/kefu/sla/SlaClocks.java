package org.kefu.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.kefu.account.Accounts;
import org.kefu.calendar.BusinessCalendar;
import org.kefu.calendar.Calendars;
import org.kefu.ticket.Author;
import org.kefu.ticket.TicketChanged;
import org.kefu.ticket.TicketCreated;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketMessageAdded;
import org.kefu.ticket.TicketStatus;
import org.kefu.ticket.TicketSummary;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.TicketsMerged;
import org.kefu.ticket.Visibility;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each ticket's SLA clocks. They move in the same transaction as the ticket, so a clock never
 * disagrees with what happened to its ticket: opened → first response and resolution start; a
 * public reply meets the response clocks; a customer writing after a reply starts the next-response
 * clock; pending (waiting on the customer) pauses, reopening resumes, solving stops; a change of
 * priority, business type or team chooses the policy again. Deadlines are counted in the business
 * time of the policy's calendar, or of the ticket team's calendar.
 */
@Service
@Transactional(readOnly = true)
public class SlaClocks {

	private final JdbcClient jdbc;
	private final SlaPolicies policies;
	private final Calendars calendars;
	private final Tickets tickets;
	private final Accounts accounts;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	SlaClocks(JdbcClient jdbc, SlaPolicies policies, Calendars calendars, Tickets tickets, Accounts accounts,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.policies = policies;
		this.calendars = calendars;
		this.tickets = tickets;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	/** One clock as the ticket page and the API show it, its business time reckoned at {@code at}. */
	public record ClockView(SlaMetric metric, String policy, long calendar, long targetSeconds, long elapsedSeconds,
			long remainingSeconds, String state, boolean paused, boolean breached, Instant startedAt, Instant warnAt,
			Instant dueAt, Instant warnedAt, Instant breachedAt, Instant stoppedAt, Instant at) {

		public boolean running() {
			return state.equals("running");
		}

		public boolean met() {
			return state.equals("stopped") && !breached;
		}

		public boolean warned() {
			return warnedAt != null;
		}
	}

	/** The ticket's clocks, first response first. */
	public List<ClockView> of(TicketId ticket) {
		tickets.summary(ticket);
		Instant now = clock.instant();
		return jdbc.sql("select " + COLUMNS + " from sla_clock where ticket_id = ? order by array_position("
				+ "array['first_response','next_response','resolution'], metric)")
			.param(ticket.value())
			.query((rs, n) -> view(row(rs), now))
			.list();
	}

	// ---- what happens to tickets

	@EventListener
	@Transactional
	void opened(TicketCreated event) {
		TicketSummary ticket = tickets.summary(event.ticket());
		Optional<Choice> choice = choose(ticket);
		if (choice.isEmpty()) {
			return;
		}
		// a ticket always opens with the customer's words, whoever typed them in
		Instant at = ticket.createdAt();
		start(event.ticket(), SlaMetric.FIRST_RESPONSE, choice.get(), at);
		start(event.ticket(), SlaMetric.RESOLUTION, choice.get(), at);
	}

	@EventListener
	@Transactional
	void messageAdded(TicketMessageAdded event) {
		Instant at = clock.instant();
		// an automatic reply from a rule tells the customer something, but is not the answer a target asks for
		if (event.author() == Author.AGENT && event.visibility() == Visibility.PUBLIC && event.by().rules().isEmpty()) {
			stop(event.ticket(), SlaMetric.FIRST_RESPONSE, at);
			stop(event.ticket(), SlaMetric.NEXT_RESPONSE, at);
		}
		else if (event.author() == Author.CUSTOMER) {
			Optional<Row> first = find(event.ticket(), SlaMetric.FIRST_RESPONSE, false);
			Optional<Row> next = find(event.ticket(), SlaMetric.NEXT_RESPONSE, false);
			boolean answered = first.isPresent() && first.get().state().equals("stopped");
			boolean waiting = next.isPresent() && !next.get().state().equals("stopped");
			if (answered && !waiting) {
				choose(tickets.summary(event.ticket()))
					.ifPresent(choice -> start(event.ticket(), SlaMetric.NEXT_RESPONSE, choice, at));
			}
		}
	}

	@EventListener
	@Transactional
	void changed(TicketChanged event) {
		Instant at = clock.instant();
		if (event.changed("priority") || event.changed("businessType") || event.changed("team")) {
			retarget(event.ticket(), at);
		}
		if (!event.changed("status")) {
			return;
		}
		TicketStatus before = TicketStatus.ofCode(String.valueOf(event.before().get("status")));
		TicketStatus after = TicketStatus.ofCode(String.valueOf(event.after().get("status")));
		for (SlaMetric metric : SlaMetric.values()) {
			if (after == TicketStatus.PENDING) {
				pause(event.ticket(), metric, at);
			}
			else if (after == TicketStatus.SOLVED || after == TicketStatus.CLOSED) {
				stop(event.ticket(), metric, at);
			}
			else if (before == TicketStatus.PENDING) {
				resume(event.ticket(), metric, at);
			}
		}
		if (before == TicketStatus.SOLVED && after.isUnsolved()) {
			reopen(event.ticket(), SlaMetric.RESOLUTION, at);
		}
	}

	@EventListener
	@Transactional
	void merged(TicketsMerged event) {
		Instant at = clock.instant();
		for (SlaMetric metric : SlaMetric.values()) {
			stop(event.source(), metric, at);
		}
	}

	// ---- the clock's moves

	private record Choice(SlaPolicy policy, long calendar) {
	}

	private Optional<Choice> choose(TicketSummary ticket) {
		Integer grade = accounts.bestTierOf(ticket.customer());
		SlaPolicy.Facts facts = new SlaPolicy.Facts(ticket.channel().code(), ticket.businessType(),
				ticket.priority().code(), grade);
		return policies.choose(facts)
			.map(p -> new Choice(p, p.calendar() != null ? p.calendar() : calendars.calendarIdOf(ticket.team())));
	}

	private void start(TicketId ticket, SlaMetric metric, Choice choice, Instant at) {
		Integer target = choice.policy().target(metric);
		if (target == null) {
			return;
		}
		Deadlines d = deadlines(choice.calendar(), at, target, choice.policy().warnPercent(), 0);
		jdbc.sql("""
				insert into sla_clock (ticket_id, metric, policy_id, policy_name, calendar_id, target_seconds, warn_percent,
				  started_at, state, elapsed_seconds, running_since, warn_at, due_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, 'running', 0, ?, ?, ?)
				on conflict (ticket_id, metric) do update set policy_id = excluded.policy_id,
				  policy_name = excluded.policy_name, calendar_id = excluded.calendar_id,
				  target_seconds = excluded.target_seconds, warn_percent = excluded.warn_percent,
				  started_at = excluded.started_at, state = 'running', elapsed_seconds = 0,
				  running_since = excluded.running_since, warn_at = excluded.warn_at, due_at = excluded.due_at,
				  warned_at = null, breached_at = null, stopped_at = null""")
			.params(ticket.value(), metric.code(), choice.policy().id(), choice.policy().name(), choice.calendar(), target,
					choice.policy().warnPercent(), ts(at), ts(at), ts(d.warn()), ts(d.due()))
			.update();
	}

	private void pause(TicketId ticket, SlaMetric metric, Instant at) {
		find(ticket, metric, true).filter(r -> r.state().equals("running")).ifPresent(r -> {
			long elapsed = r.elapsed() + ran(r, at);
			jdbc.sql("""
					update sla_clock set state = 'paused', elapsed_seconds = ?, running_since = null, warn_at = null,
					  due_at = null where ticket_id = ? and metric = ?""")
				.params(elapsed, ticket.value(), metric.code())
				.update();
		});
	}

	private void resume(TicketId ticket, SlaMetric metric, Instant at) {
		find(ticket, metric, true).filter(r -> r.state().equals("paused")).ifPresent(r -> run(r, r.elapsed(), at));
	}

	private void reopen(TicketId ticket, SlaMetric metric, Instant at) {
		find(ticket, metric, true).filter(r -> r.state().equals("stopped")).ifPresent(r -> run(r, r.elapsed(), at));
	}

	private void run(Row r, long elapsed, Instant at) {
		run(r.ticket(), r.metric(), r.calendar(), r.target(), r.warnPercent(), elapsed, at);
	}

	/** Sets the clock running from {@code at} with {@code elapsed} already counted: new deadlines. */
	private void run(long ticket, SlaMetric metric, long calendar, long target, int warnPercent, long elapsed,
			Instant at) {
		Deadlines d = deadlines(calendar, at, target, warnPercent, elapsed);
		jdbc.sql("""
				update sla_clock set state = 'running', running_since = ?, stopped_at = null, warn_at = ?, due_at = ?
				where ticket_id = ? and metric = ?""")
			.params(ts(at), ts(d.warn()), ts(d.due()), ticket, metric.code())
			.update();
	}

	private void stop(TicketId ticket, SlaMetric metric, Instant at) {
		find(ticket, metric, true).filter(r -> !r.state().equals("stopped")).ifPresent(r -> {
			long elapsed = r.elapsed() + (r.state().equals("running") ? ran(r, at) : 0);
			boolean late = r.breachedAt() == null && r.state().equals("running") && r.due() != null
					&& r.due().isBefore(at);
			jdbc.sql("""
					update sla_clock set state = 'stopped', elapsed_seconds = ?, running_since = null, stopped_at = ?,
					  breached_at = coalesce(breached_at, ?) where ticket_id = ? and metric = ?""")
				.params(elapsed, ts(at), late ? ts(r.due()) : null, ticket.value(), metric.code())
				.update();
			if (late) {
				// met after the deadline, before the timer noticed: the breach is recorded all the same
				events.publishEvent(new SlaBreached(ticket, metric, r.policy(), r.due()));
			}
		});
	}

	private void retarget(TicketId ticket, Instant at) {
		Optional<Choice> choice = choose(tickets.summary(ticket));
		for (SlaMetric metric : SlaMetric.values()) {
			Optional<Row> row = find(ticket, metric, true).filter(r -> !r.state().equals("stopped"));
			if (row.isEmpty() || choice.isEmpty() || choice.get().policy().target(metric) == null) {
				continue;
			}
			Row r = row.get();
			SlaPolicy p = choice.get().policy();
			long elapsed = r.elapsed() + (r.state().equals("running") ? ran(r, at) : 0);
			jdbc.sql("""
					update sla_clock set policy_id = ?, policy_name = ?, calendar_id = ?, target_seconds = ?,
					  warn_percent = ?, elapsed_seconds = ? where ticket_id = ? and metric = ?""")
				.params(p.id(), p.name(), choice.get().calendar(), p.target(metric), p.warnPercent(), elapsed,
						ticket.value(), metric.code())
				.update();
			if (r.state().equals("running")) {
				run(r.ticket(), metric, choice.get().calendar(), p.target(metric), p.warnPercent(), elapsed, at);
			}
		}
	}

	// ---- arithmetic

	private record Deadlines(Instant warn, Instant due) {
	}

	private Deadlines deadlines(long calendarId, Instant from, long target, int warnPercent, long elapsed) {
		BusinessCalendar calendar = calendars.calendar(calendarId);
		Instant due = calendar.plus(from, Duration.ofSeconds(Math.max(0, target - elapsed)));
		long warnAfter = target * warnPercent / 100 - elapsed;
		Instant warn = calendar.plus(from, Duration.ofSeconds(Math.max(0, warnAfter)));
		return new Deadlines(warn, due);
	}

	/** Business seconds a running clock has run since it last started. */
	private long ran(Row r, Instant at) {
		return calendars.calendar(r.calendar()).between(r.runningSince(), at).toSeconds();
	}

	private ClockView view(Row r, Instant now) {
		long elapsed = r.elapsed() + (r.state().equals("running") ? ran(r, now) : 0);
		return new ClockView(r.metric(), r.policy(), r.calendar(), r.target(), elapsed, r.target() - elapsed, r.state(),
				r.state().equals("paused"), r.breachedAt() != null, r.started(), r.warn(), r.due(), r.warnedAt(),
				r.breachedAt(), r.stoppedAt(), now);
	}

	// ---- storage

	record Row(long ticket, SlaMetric metric, String policy, long calendar, long target, int warnPercent, Instant started,
			String state, long elapsed, Instant runningSince, Instant warn, Instant due, Instant warnedAt,
			Instant breachedAt, Instant stoppedAt) {
	}

	private static final String COLUMNS = """
			ticket_id, metric, policy_name, calendar_id, target_seconds, warn_percent, started_at, state,
			elapsed_seconds, running_since, warn_at, due_at, warned_at, breached_at, stopped_at""";

	private Optional<Row> find(TicketId ticket, SlaMetric metric, boolean lock) {
		return jdbc.sql("select " + COLUMNS + " from sla_clock where ticket_id = ? and metric = ?"
				+ (lock ? " for update" : ""))
			.params(ticket.value(), metric.code())
			.query((rs, n) -> row(rs))
			.optional();
	}

	private static Row row(ResultSet rs) throws SQLException {
		return new Row(rs.getLong(1), SlaMetric.ofCode(rs.getString(2)), rs.getString(3), rs.getLong(4), rs.getLong(5),
				rs.getInt(6), instant(rs, 7), rs.getString(8), rs.getLong(9), instant(rs, 10), instant(rs, 11),
				instant(rs, 12), instant(rs, 13), instant(rs, 14), instant(rs, 15));
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
