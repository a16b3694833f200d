package org.kefu.workforce;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.kefu.channel.CallHandled;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handling time from Kefu's own calls: talk time from answered to hung up, plus the after-call work
 * every call is given ({@code kefu.agent-state.after-call-seconds}). Used when no handling time
 * was imported for the queue.
 */
@Service
@Transactional(readOnly = true)
public class HandleTimes {

	/** Fewer calls than this over the last four weeks say too little to stand for the queue. */
	static final int ENOUGH = 10;

	private final JdbcClient jdbc;
	private final Clock clock;
	private final long afterCallSeconds;

	HandleTimes(JdbcClient jdbc, Clock clock, @Value("${kefu.agent-state.after-call-seconds:60}") long afterCallSeconds) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.afterCallSeconds = afterCallSeconds;
	}

	@ApplicationModuleListener
	void on(CallHandled call) {
		if (call.answered()) {
			jdbc.sql("insert into workforce_call (call_id, queue, agent_id, answered_at) values (?, 'phone', ?, ?) on conflict do nothing")
				.params(call.callId(), call.agent(), Timestamp.from(call.at())).update();
		}
		else {
			jdbc.sql("update workforce_call set ended_at = ? where call_id = ? and ended_at is null and answered_at <= ?")
				.params(Timestamp.from(call.at()), call.callId(), Timestamp.from(call.at())).update();
		}
	}

	/** Average talk time plus after-call work over the last four weeks, when there were enough calls. */
	public Optional<Double> ownAverage(String queue) {
		record Talk(long calls, double seconds) {
		}
		Talk talk = jdbc.sql("""
				select count(*), coalesce(avg(extract(epoch from ended_at - answered_at)), 0) from workforce_call
				where queue = ? and ended_at >= ?""")
			.params(queue, Timestamp.from(clock.instant().minus(Duration.ofDays(28))))
			.query((rs, n) -> new Talk(rs.getLong(1), rs.getDouble(2)))
			.single();
		return talk.calls() < ENOUGH ? Optional.empty() : Optional.of(talk.seconds() + afterCallSeconds);
	}
}
