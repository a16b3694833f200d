package org.kefu.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.kefu.automation.Rule.Kind;
import org.kefu.shared.Actor;
import org.kefu.ticket.TicketId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Time rules ("pending for 3 days → remind"): every minute, on one process (db-scheduler), each
 * active time rule looks at the tickets that have sat in their status long enough and that it has
 * not yet looked at for this stretch. A ticket that moves and comes back starts a new stretch.
 */
@Component
public class TimeRules {

	private static final Logger log = LoggerFactory.getLogger(TimeRules.class);
	static final int BATCH = 200;

	private final Rules rules;
	private final Automation automation;
	private final JdbcClient jdbc;
	private final Clock clock;

	TimeRules(Rules rules, Automation automation, JdbcClient jdbc, Clock clock) {
		this.rules = rules;
		this.automation = automation;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One pass over every active time rule; returns how many tickets were looked at. */
	public int sweep() {
		int looked = 0;
		for (Rule rule : rules.active(Kind.TIME)) {
			String status = rule.conditions().stream()
				.filter(c -> c.field().equals("status") && c.op().equals("is"))
				.map(Rule.Condition::value).findFirst().orElse(null);
			Instant before = clock.instant().minusSeconds(Math.round(rule.hoursInStatus() * 3600));
			record Candidate(long ticket, Instant since) {
			}
			List<Candidate> candidates = jdbc.sql("""
					select t.id, t.status_changed_at from ticket t
					where t.status <> 'closed' and (cast(? as text) is null or t.status = ?) and t.status_changed_at <= ?
					  and t.merged_into_id is null
					  and not exists (select 1 from automation_run r
					                  where r.rule_id = ? and r.ticket_id = t.id and r.since = t.status_changed_at)
					order by t.status_changed_at limit ?""")
				.params(status, status, Timestamp.from(before), rule.id(), BATCH)
				.query((rs, n) -> new Candidate(rs.getLong(1), rs.getTimestamp(2).toInstant()))
				.list();
			for (Candidate c : candidates) {
				try {
					automation.fire(rule, new TicketId(c.ticket()), "time", Actor.system(), Set.of(), c.since());
				}
				catch (RuntimeException e) {
					log.warn("Time rule {} could not run on ticket {}", rule.id(), c.ticket(), e);
				}
			}
			looked += candidates.size();
		}
		return looked;
	}

	@Configuration(proxyBeanMethods = false)
	static class Task {

		/** Every minute: "3 days" is not a second-sharp target. */
		@Bean
		RecurringTask<Void> automationTimeRules(TimeRules rules) {
			return Tasks.recurring("automation-time-rules", FixedDelay.of(Duration.ofMinutes(1)))
				.execute((instance, context) -> rules.sweep());
		}
	}
}
