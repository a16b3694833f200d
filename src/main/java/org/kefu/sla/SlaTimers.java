package org.kefu.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.kefu.ticket.TicketId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fires the warnings and breaches whose moment has come. The moments are kept on the clocks
 * themselves, in the same transaction as the ticket, so they survive any restart; a durable
 * recurring task (db-scheduler) sweeps them every second on exactly one Kefu process, and each
 * clock is marked in the same update that selects it, so a warning fires once even if two sweeps
 * overlap.
 */
@Service
public class SlaTimers {

	private static final int BATCH = 200;

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	SlaTimers(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	private record Fired(long ticket, SlaMetric metric, String policy, Instant due) {
	}

	/** Fires what is due now; returns how many warnings and breaches it fired. */
	@Transactional
	public int sweep() {
		Timestamp now = Timestamp.from(clock.instant());
		List<Fired> warned = jdbc.sql("""
				with due as (select ticket_id, metric from sla_clock
				             where state = 'running' and warned_at is null and warn_at <= ?
				             order by warn_at limit ? for update skip locked)
				update sla_clock c set warned_at = ? from due
				where c.ticket_id = due.ticket_id and c.metric = due.metric
				returning c.ticket_id, c.metric, c.policy_name, c.due_at""")
			.params(now, BATCH, now)
			.query((rs, n) -> new Fired(rs.getLong(1), SlaMetric.ofCode(rs.getString(2)), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
		List<Fired> breached = jdbc.sql("""
				with due as (select ticket_id, metric from sla_clock
				             where state = 'running' and breached_at is null and due_at <= ?
				             order by due_at limit ? for update skip locked)
				update sla_clock c set breached_at = c.due_at, warned_at = coalesce(c.warned_at, c.due_at) from due
				where c.ticket_id = due.ticket_id and c.metric = due.metric
				returning c.ticket_id, c.metric, c.policy_name, c.due_at""")
			.params(now, BATCH)
			.query((rs, n) -> new Fired(rs.getLong(1), SlaMetric.ofCode(rs.getString(2)), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
		warned.forEach(f -> events.publishEvent(new SlaWarned(new TicketId(f.ticket()), f.metric(), f.policy(), f.due())));
		breached.forEach(f -> events.publishEvent(new SlaBreached(new TicketId(f.ticket()), f.metric(), f.policy(),
				f.due())));
		return warned.size() + breached.size();
	}

	@Configuration(proxyBeanMethods = false)
	static class Task {

		/** The sweep as a durable task: runs on one process at a time, a second after the last run ended. */
		@Bean
		RecurringTask<Void> slaSweep(SlaTimers timers) {
			return Tasks.recurring("sla-sweep", FixedDelay.ofSeconds(1)).execute((instance, context) -> {
				while (timers.sweep() >= BATCH) {
					// a backlog after downtime: keep going until it is cleared
				}
			});
		}
	}
}
