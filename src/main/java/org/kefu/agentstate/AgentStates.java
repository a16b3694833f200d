package org.kefu.agentstate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kefu.channel.CallHandled;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.live.Live;
import org.kefu.platform.AfterCommit;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each agent's state now and every change of it. An agent sets their own (a break needs its
 * reason); Kefu sets some: a call answered makes the agent busy, its end puts them in after-call
 * work, and after {@code kefu.agent-state.after-call-seconds} (60) they are online again unless
 * they chose otherwise; a full set of chats makes them busy until one ends; signing out is going
 * offline. Kefu never ends a break or an offline the agent chose. An agent who never set a state
 * is offline.
 */
@Service
@Transactional(readOnly = true)
public class AgentStates {

	private final JdbcClient jdbc;
	private final Users users;
	private final Live live;
	private final Clock clock;
	private final Duration afterCall;

	AgentStates(JdbcClient jdbc, Users users, Live live, Clock clock,
			@Value("${kefu.agent-state.after-call-seconds:60}") long afterCallSeconds) {
		this.jdbc = jdbc;
		this.users = users;
		this.live = live;
		this.clock = clock;
		this.afterCall = Duration.ofSeconds(afterCallSeconds);
	}

	/** An agent's state, since when, and whether Kefu set it. */
	public record StateView(long user, String name, AgentState state, String reason, Instant since, boolean bySystem) {

		public long seconds(Instant now) {
			return Math.max(0, Duration.between(since, now).toSeconds());
		}
	}

	/** One change, as adherence and reports read them. */
	public record Change(AgentState state, String reason, Instant at, boolean bySystem, Long setBy) {
	}

	public StateView current(long user) {
		return jdbc.sql("select state, reason, since, by_system from agent_state where user_id = ?").param(user)
			.query((rs, n) -> new StateView(user, name(user), AgentState.of(rs.getString(1)), rs.getString(2),
					rs.getTimestamp(3).toInstant(), rs.getBoolean(4)))
			.optional()
			.orElseGet(() -> new StateView(user, name(user), AgentState.OFFLINE, null, Instant.EPOCH, true));
	}

	/** Whether the agent takes new contacts now. */
	public boolean available(long user) {
		return current(user).state() == AgentState.ONLINE;
	}

	/** The agent sets their own state. */
	@Transactional
	public StateView set(long user, AgentState state, String reason, Actor by) {
		String why = null;
		if (state == AgentState.BREAK) {
			if (reason == null || !AgentState.BREAK_REASONS.contains(reason)) {
				throw new InvalidInputException("agent-state.reason-required", String.join(", ", AgentState.BREAK_REASONS));
			}
			why = reason;
		}
		change(user, state, why, false, by.userId());
		return current(user);
	}

	/**
	 * Kefu sets the state because of what the agent does; a break or offline the agent chose stays,
	 * and so does any state the agent chose when {@code onlyFrom} does not include it.
	 */
	@Transactional
	public void setBySystem(long user, AgentState state, String cause, AgentState... onlyFrom) {
		AgentState now = current(user).state();
		if (now == state || (onlyFrom.length > 0 && !List.of(onlyFrom).contains(now))) {
			return;
		}
		if (onlyFrom.length == 0 && (now == AgentState.BREAK || now == AgentState.OFFLINE)) {
			return;
		}
		change(user, state, cause, true, null);
	}

	/**
	 * The agent started work somewhere (opened the chat console): one who has no state yet, or was
	 * put offline by Kefu, is online now; an offline, a break or anything else they chose stays.
	 */
	@Transactional
	public void startedWork(long user, String where) {
		StateView now = current(user);
		if (now.state() == AgentState.OFFLINE && now.bySystem()) {
			change(user, AgentState.ONLINE, where, true, null);
		}
	}

	/** Kefu made the agent busy for this cause (their chats are full) and the cause is gone. */
	@Transactional
	public void causeEnded(long user, String cause) {
		StateView now = current(user);
		if (now.state() == AgentState.BUSY && now.bySystem() && cause.equals(now.reason())) {
			change(user, AgentState.ONLINE, cause + "-ended", true, null);
		}
	}

	/** Signing out is going offline, whatever the agent was doing. */
	@EventListener
	@Transactional
	public void on(LogoutSuccessEvent signedOut) {
		if (signedOut.getAuthentication() != null
				&& signedOut.getAuthentication().getPrincipal() instanceof CurrentUser user) {
			StateView now = current(user.id());
			if (now.state() != AgentState.OFFLINE) {
				change(user.id(), AgentState.OFFLINE, "signed-out", true, null);
			}
		}
	}

	@EventListener
	void on(CallHandled call) {
		if (call.answered()) {
			setBySystem(call.agent(), AgentState.BUSY, "call", AgentState.ONLINE, AgentState.AFTER_CALL);
		}
		else {
			setBySystem(call.agent(), AgentState.AFTER_CALL, "call", AgentState.BUSY);
		}
	}

	/** After-call work ends on its own after the configured time. */
	@Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
	@Transactional
	public void endAfterCallWork() {
		Instant before = clock.instant().minus(afterCall);
		List<Long> done = jdbc.sql("select user_id from agent_state where state = 'after_call' and by_system and since <= ?")
			.param(Timestamp.from(before)).query(Long.class).list();
		done.forEach(user -> change(user, AgentState.ONLINE, "after-call-ended", true, null));
	}

	/** Every agent who has a state, for supervisors: the longest in their state first. */
	public List<StateView> all() {
		return jdbc.sql("select user_id, state, reason, since, by_system from agent_state order by since")
			.query((rs, n) -> new StateView(rs.getLong(1), name(rs.getLong(1)), AgentState.of(rs.getString(2)),
					rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getBoolean(5)))
			.list();
	}

	/** The agents online now, ready for work: one query, for routing. */
	public List<Long> online() {
		return jdbc.sql("select user_id from agent_state where state = 'online'").query(Long.class).list();
	}

	/** An agent's changes between two moments, oldest first. */
	public List<Change> history(long user, Instant from, Instant to) {
		return jdbc.sql("""
				select state, reason, at, by_system, set_by from agent_state_change
				where user_id = ? and at >= ? and at < ? order by at, id""")
			.params(user, Timestamp.from(from), Timestamp.from(to))
			.query((rs, n) -> {
				long setBy = rs.getLong(5);
				boolean noOne = rs.wasNull();
				return new Change(AgentState.of(rs.getString(1)), rs.getString(2), rs.getTimestamp(3).toInstant(),
						rs.getBoolean(4), noOne ? null : setBy);
			})
			.list();
	}

	/** The state an agent was in at a moment: their last change before it (offline when none). */
	public AgentState stateAt(long user, Instant at) {
		return jdbc.sql("select state from agent_state_change where user_id = ? and at < ? order by at desc, id desc limit 1")
			.params(user, Timestamp.from(at))
			.query(String.class).optional().map(AgentState::of).orElse(AgentState.OFFLINE);
	}

	private void change(long user, AgentState state, String reason, boolean bySystem, Long setBy) {
		Instant now = clock.instant();
		Optional<String> before = jdbc.sql("select state || '/' || coalesce(reason, '') from agent_state where user_id = ? for update")
			.param(user).query(String.class).optional();
		if (before.isPresent() && before.get().equals(state.code() + "/" + (reason == null ? "" : reason))) {
			return;
		}
		jdbc.sql("""
				insert into agent_state (user_id, state, reason, since, by_system) values (?, ?, ?, ?, ?)
				on conflict (user_id) do update set state = excluded.state, reason = excluded.reason,
				  since = excluded.since, by_system = excluded.by_system""")
			.params(user, state.code(), reason, Timestamp.from(now), bySystem).update();
		jdbc.sql("insert into agent_state_change (user_id, state, reason, at, by_system, set_by) values (?, ?, ?, ?, ?, ?)")
			.params(user, state.code(), reason, Timestamp.from(now), bySystem, setBy).update();
		Map<String, Object> pushed = Map.of("state", state.code(), "reason", reason == null ? "" : reason);
		AfterCommit.run(() -> live.push(user, "agent.state", pushed));
	}

	private String name(long user) {
		return users.find(new UserId(user)).map(u -> u.displayName()).orElse("#" + user);
	}
}
