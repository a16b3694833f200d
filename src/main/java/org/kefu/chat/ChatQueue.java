package org.kefu.chat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.kefu.agentstate.AgentState;
import org.kefu.agentstate.AgentStates;
import org.kefu.identity.TeamId;
import org.kefu.identity.TeamSummary;
import org.kefu.identity.Teams;
import org.kefu.identity.UserId;
import org.kefu.live.Live;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.NotFoundException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chat queue: who is there, where each visitor stands and how long they may wait, and agents
 * taking chats from it, up to {@code kefu.chat.max-per-agent} each; exactly one agent gets a chat.
 * An agent may decline a waiting chat (it leaves their list, not the queue) and hand their chat to a
 * colleague, to a team (only its members see it then), or back to everyone.
 */
@Service
public class ChatQueue {

	private final JdbcClient jdbc;
	private final ChatRoom room;
	private final ChatPresence presence;
	private final Teams teams;
	private final Live live;
	private final AgentStates states;
	private final Clock clock;
	private final int maxPerAgent;
	private final AtomicBoolean queueChanged = new AtomicBoolean();

	ChatQueue(JdbcClient jdbc, ChatRoom room, ChatPresence presence, Teams teams, Live live, AgentStates states,
			Clock clock, @Value("${kefu.chat.max-per-agent:3}") int maxPerAgent) {
		this.states = states;
		this.jdbc = jdbc;
		this.room = room;
		this.presence = presence;
		this.teams = teams;
		this.live = live;
		this.clock = clock;
		this.maxPerAgent = maxPerAgent;
	}

	/** Why Kefu made an agent busy: their chats are full. */
	static final String FULL = "chats-full";

	/** An agent has room for another chat again (one ended or was handed on): busy because full no more. */
	void freed(long agent) {
		if (room.activeOf(agent) < maxPerAgent) {
			states.causeEnded(agent, FULL);
		}
	}

	/** What the widget asks for: whether anyone is there, how many wait, how long it takes. */
	public record Availability(boolean online, int waiting, long expectedWaitSeconds) {
	}

	public Availability availability() {
		int waiting = jdbc.sql("select count(*) from chat_session where status = 'waiting'").query(Integer.class)
			.single();
		return new Availability(hasRoom(), waiting, expectedWait(waiting + 1));
	}

	/** The agents on the console who take new contacts now: online, not on a break, a call or after-call work. */
	private List<Long> available() {
		return presence.present().stream().filter(states::available).toList();
	}

	boolean hasRoom() {
		for (long agent : available()) {
			if (room.activeOf(agent) < maxPerAgent) {
				return true;
			}
		}
		return false;
	}

	/** The expected wait at this place in the queue: the recent average wait per chat ahead, shared by the agents. */
	public long expectedWait(int position) {
		Double average = jdbc.sql("""
				select avg(extract(epoch from accepted_at - created_at)) from (
				  select accepted_at, created_at from chat_session where accepted_at is not null
				  order by accepted_at desc limit 20) recent""").query(Double.class).optional().orElse(null);
		double perChat = average == null ? 60 : Math.max(5, average);
		int agents = Math.max(1, available().size());
		return Math.round(position * perChat / agents);
	}

	/** The agent is on the console: started work, unless they chose a state (a break, offline) themselves. */
	public void checkIn(long agent) {
		presence.checkIn(agent);
		states.startedWork(agent, "chat-console");
	}

	public int maxPerAgent() {
		return maxPerAgent;
	}

	/** Every waiting chat, first come first. */
	public List<ChatView> waiting() {
		return room.select("where s.status = 'waiting' order by s.created_at, s.id");
	}

	/** The waiting chats this agent may take: not ones they declined, not ones waiting for a team they are not in. */
	public List<ChatView> waitingFor(long agent) {
		Set<Long> declined = Set.copyOf(jdbc.sql("""
				select d.session_id from chat_decline d join chat_session s on s.id = d.session_id
				where s.status = 'waiting' and d.agent_id = ?""").param(agent).query(Long.class).list());
		List<ChatView> all = waiting();
		Set<Long> myTeams = all.stream().map(ChatView::team).filter(t -> t != null).distinct()
			.filter(t -> teams.isMember(new UserId(agent), new TeamId(t))).collect(Collectors.toSet());
		return all.stream().filter(c -> !declined.contains(c.id()))
			.filter(c -> c.team() == null || myTeams.contains(c.team())).toList();
	}

	public List<ChatView> activeOfAgent(long agent) {
		return room.select("where s.status = 'active' and s.agent_id = ? order by s.accepted_at", agent);
	}

	/** Takes a waiting chat: exactly one agent gets it, and nobody more than their limit. */
	@Transactional
	public ChatView accept(long session, Actor agent) {
		lockAgent(agent.userId());
		if (room.activeOf(agent.userId()) >= maxPerAgent) {
			throw new ConflictException("chat.full", maxPerAgent);
		}
		ChatView waiting = room.get(session);
		if (waiting.team() != null && !teams.isMember(new UserId(agent.userId()), new TeamId(waiting.team()))) {
			throw new ConflictException("chat.other-team", session);
		}
		Instant now = clock.instant();
		int taken = jdbc.sql("""
				update chat_session set status = 'active', agent_id = ?, accepted_at = ?, team_id = null
				where id = ? and status = 'waiting'""")
			.params(agent.userId(), Timestamp.from(now), session).update();
		if (taken == 0) {
			throw new ConflictException("chat.taken", session);
		}
		room.forget(session);
		if (room.activeOf(agent.userId()) >= maxPerAgent) {
			states.setBySystem(agent.userId(), AgentState.BUSY, FULL, AgentState.ONLINE);
		}
		String name = room.agentName(agent.userId());
		ChatMessage joined = room.store(session, "system", agent.userId(), "joined-" + agent.userId() + "-" + now.toEpochMilli(),
				"joined:" + name, null);
		ChatView chat = room.get(session);
		ChatRoom.afterCommit(() -> {
			room.toVisitor(chat.publicId(), "chat.accepted", Map.of("agent", name, "message", ChatRoom.message(joined)));
			changed();
			presence.present().forEach(a -> live.push(a, "chat.taken", Map.of("chat", session)));
		});
		return chat;
	}

	/** Not for this agent: the chat leaves their list and waits for the others. */
	@Transactional
	public void decline(long session, Actor agent) {
		ChatView chat = room.get(session);
		if (!chat.status().equals("waiting")) {
			throw new ConflictException("chat.taken", session);
		}
		jdbc.sql("""
				insert into chat_decline (session_id, agent_id, declined_at) values (?, ?, ?)
				on conflict do nothing""").params(session, agent.userId(), Timestamp.from(clock.instant())).update();
	}

	/**
	 * Hands the agent's chat to another agent who is present and below their limit, or, without one,
	 * back to the queue for whoever takes it next. The visitor is told who joined.
	 */
	@Transactional
	public ChatView transfer(long session, Actor from, Long to) {
		ChatRoom.Owner chat = room.agentsChat(session, from);
		room.forget(session);
		if (to == null) {
			return requeue(session, from, null, "queued:" + room.agentName(from.userId()));
		}
		if (to.equals(from.userId()) || !available().contains(to)) {
			throw new ConflictException("chat.agent-away", to);
		}
		lockAgent(to);
		if (room.activeOf(to) >= maxPerAgent) {
			throw new ConflictException("chat.agent-full", to);
		}
		jdbc.sql("update chat_session set agent_id = ? where id = ? and agent_id = ?").params(to, session, from.userId())
			.update();
		freed(from.userId());
		if (room.activeOf(to) >= maxPerAgent) {
			states.setBySystem(to, AgentState.BUSY, FULL, AgentState.ONLINE);
		}
		String name = room.agentName(to);
		ChatMessage joined = room.store(session, "system", to, "joined-" + to + "-" + clock.millis(), "joined:" + name,
				null);
		ChatRoom.afterCommit(() -> {
			room.toVisitor(chat.publicId(), "chat.accepted", Map.of("agent", name, "message", ChatRoom.message(joined)));
			live.push(to, "chat.transferred", Map.of("chat", session));
			live.push(from.userId(), "chat.taken", Map.of("chat", session));
		});
		return room.get(session);
	}

	/** Hands the agent's chat to a team: it waits, first in line by its first arrival, for the team's members. */
	@Transactional
	public ChatView transferToTeam(long session, Actor from, long team) {
		room.agentsChat(session, from);
		TeamSummary target = teams.find(new TeamId(team)).filter(TeamSummary::active)
			.orElseThrow(() -> new NotFoundException("identity.team.not-found", team));
		boolean someoneThere = available().stream()
			.anyMatch(a -> a != from.userId() && teams.isMember(new UserId(a), target.id()));
		if (!someoneThere) {
			throw new ConflictException("chat.team-away", target.name());
		}
		room.forget(session);
		return requeue(session, from, team, "team:" + target.name());
	}

	private ChatView requeue(long session, Actor from, Long team, String note) {
		jdbc.sql("update chat_session set status = 'waiting', agent_id = null, accepted_at = null, team_id = ? where id = ?")
			.params(team, session).update();
		jdbc.sql("delete from chat_decline where session_id = ?").param(session).update();
		freed(from.userId());
		room.store(session, "system", from.userId(), "queued-" + clock.millis(), note, null);
		ChatRoom.afterCommit(() -> {
			changed();
			presence.present().forEach(a -> live.push(a, "chat.waiting", Map.of("chat", session)));
		});
		return room.get(session);
	}

	/** The agents present for chat with room for one more, other than this one: who a chat can go to. */
	public List<Map<String, Object>> colleagues(long agent) {
		return available().stream().filter(a -> a != agent && room.activeOf(a) < maxPerAgent)
			.map(a -> Map.<String, Object>of("id", a, "name", room.agentName(a))).toList();
	}

	/** The active teams a chat can be handed to. */
	public List<TeamSummary> teams() {
		return teams.all().stream().filter(TeamSummary::active).toList();
	}

	private void lockAgent(long agent) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("chat-agent:" + agent).query(Object.class).single();
	}

	/** The queue changed: waiting visitors hear their new place with the next announcement. */
	void changed() {
		queueChanged.set(true);
	}

	/** Tells every waiting visitor their place and expected wait, at most every two seconds. */
	@Scheduled(fixedDelay = 2000, initialDelay = 2000)
	void announceIfChanged() {
		if (!queueChanged.getAndSet(false)) {
			return;
		}
		long perPlace = expectedWait(1);
		for (ChatView chat : waiting()) {
			room.toVisitor(chat.publicId(), "chat.queue", Map.of("position", chat.position(), "expectedWaitSeconds",
					perPlace * chat.position()));
		}
	}
}
