package org.kefu.routing;

import static org.kefu.routing.WorkItems.ts;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import org.kefu.agentstate.AgentStates;
import org.kefu.identity.Skills;
import org.kefu.identity.Teams;
import org.kefu.live.Live;
import org.kefu.platform.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Offers waiting work to agents. Every Kefu process runs one; they share the database safely:
 * items are taken with {@code FOR UPDATE SKIP LOCKED} (no item is looked at by two dispatchers at
 * once, and only a waiting one is offered), and an agent's row is locked before they are given
 * work, their load counted again under that lock (no agent filled past capacity by two processes).
 * Runs when work arrives or frees up, and every second to expire offers.
 */
@Component
class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final AgentStates states;
	private final Skills skills;
	private final Teams teams;
	private final Live live;
	private final RoutingSettings settings;
	private final Clock clock;
	private final String node = ManagementFactory.getRuntimeMXBean().getName();
	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "routing-dispatch");
		t.setDaemon(true);
		return t;
	});
	private final AtomicBoolean pending = new AtomicBoolean();

	Dispatcher(JdbcClient jdbc, TransactionTemplate transactions, AgentStates states, Skills skills, Teams teams,
			Live live, RoutingSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.states = states;
		this.skills = skills;
		this.teams = teams;
		this.live = live;
		this.settings = settings;
		this.clock = clock;
	}

	/** Asks for a dispatch soon; many asks at once make one. */
	void nudge() {
		if (settings.enabled() && pending.compareAndSet(false, true)) {
			worker.execute(() -> {
				pending.set(false);
				run();
			});
		}
	}

	@Scheduled(fixedDelay = 1000, initialDelay = 2000)
	void tick() {
		if (settings.enabled()) {
			worker.execute(this::run);
		}
	}

	@PreDestroy
	void stop() {
		worker.shutdownNow();
	}

	private void run() {
		try {
			expire();
			for (int round = 0; round < 20 && dispatch() >= settings.batch(); round++) {
				// a full batch offered: more may wait
			}
		}
		catch (RuntimeException e) {
			log.warn("Routing dispatch failed; retrying within a second", e);
		}
	}

	/** Offers not answered in time go back to waiting; the agent is not asked again for that item. */
	int expire() {
		Instant now = clock.instant();
		List<long[]> expired = transactions.execute(tx -> {
			List<long[]> rows = jdbc.sql("""
					with e as (select id, offered_to, offer_id from routing_item
					           where state = 'offered' and offer_expires_at <= ? for update skip locked)
					update routing_item i set state = 'waiting', declined_by = array_append(i.declined_by, e.offered_to),
					  offered_to = null, offer_id = null, offer_expires_at = null, updated_at = ?
					from e where i.id = e.id
					returning i.id, e.offered_to, e.offer_id""")
				.params(ts(now), ts(now))
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
				.list();
			for (long[] row : rows) {
				jdbc.sql("update routing_offer set outcome = 'expired', decided_at = ? where id = ?")
					.params(ts(now), row[2])
					.update();
			}
			return rows;
		});
		for (long[] row : expired) {
			withdrawn(row[1], row[2]);
		}
		return expired.size();
	}

	/** Tells an agent's pages an offer no longer stands. */
	void withdrawn(Long agent, Long offer) {
		if (agent != null && offer != null) {
			AfterCommit.run(() -> live.push(agent, "routing.withdrawn", Map.of("offer", offer)));
		}
	}

	private record Agent(long id, Set<Long> teams, Map<String, Integer> skills, Instant lastOffered) {
	}

	private record Made(long agent, Map<String, Object> payload) {
	}

	/** One batch: the waiting items in order, each offered to the best agent free for it. Returns offers made. */
	int dispatch() {
		List<Long> online = states.online();
		if (online.isEmpty()) {
			return 0;
		}
		Long[] ids = online.toArray(Long[]::new);
		transactions.executeWithoutResult(tx -> jdbc
			.sql("insert into routing_agent (user_id) select unnest(?::bigint[]) on conflict do nothing")
			.param(ids)
			.update());
		List<Made> made = new ArrayList<>();
		Integer count = transactions.execute(tx -> {
			Instant now = clock.instant();
			List<WorkItem> waiting = jdbc.sql("select " + WorkItems.COLUMNS + """
					 from routing_item where state = 'waiting'
					order by coalesce(grade, 9), priority_rank desc, arrived_at limit ? for update skip locked""")
				.param(settings.batch())
				.query((rs, n) -> WorkItems.row(rs))
				.list();
			if (waiting.isEmpty()) {
				return 0;
			}
			Map<String, Integer> capacity = new HashMap<>();
			jdbc.sql("select channel, per_agent from routing_capacity")
				.query(rs -> {
					capacity.put(rs.getString(1), rs.getInt(2));
				});
			Map<Long, Map<String, Integer>> levels = skills.levelsByUser();
			Map<Long, Set<Long>> membership = teams.teamsByUser();
			// a skill counts for routing once somebody holds it: a center that has not set skills up routes by team
			Set<String> held = new HashSet<>();
			levels.values().forEach(m -> held.addAll(m.keySet()));
			Map<Long, Instant> lastOffered = new HashMap<>();
			jdbc.sql("select user_id, last_offered_at from routing_agent where user_id = any(?)")
				.param(ids)
				.query(rs -> {
					lastOffered.put(rs.getLong(1), WorkItems.instant(rs, 2));
				});
			// the agents this dispatcher may give work to now: locked for the batch; those another process
			// is filling are skipped, and the load of the locked ones is counted under the lock
			Long[] mine = jdbc.sql("select user_id from routing_agent where user_id = any(?) order by user_id for update skip locked")
				.param(ids)
				.query(Long.class)
				.list()
				.toArray(Long[]::new);
			if (mine.length == 0) {
				return 0;
			}
			List<Agent> agents = new ArrayList<>();
			for (Long a : mine) {
				agents.add(new Agent(a, membership.getOrDefault(a, Set.of()), levels.getOrDefault(a, Map.of()),
						lastOffered.get(a)));
			}
			Map<Long, Map<String, Integer>> load = load(mine);
			Map<Long, Integer> standing = new HashMap<>();
			jdbc.sql("select offered_to, count(*) from routing_item where state = 'offered' and offered_to = any(?) group by 1")
				.param(mine)
				.query(rs -> {
					standing.put(rs.getLong(1), rs.getInt(2));
				});
			List<Long> offerItems = new ArrayList<>();
			List<Long> offerAgents = new ArrayList<>();
			List<String> reasons = new ArrayList<>();
			List<WorkItem> offered = new ArrayList<>();
			Instant expires = now.plus(settings.offer());
			for (WorkItem item : waiting) {
				int cap = capacity.getOrDefault(item.channel(), 10);
				boolean relaxed = item.waitedSeconds(now) >= settings.relaxAfter().toSeconds();
				boolean ownerFirst = item.owner() != null && item.ownerUntil() != null && now.isBefore(item.ownerUntil());
				Agent best = null;
				int candidates = 0;
				for (Agent a : agents) {
					// after the relax time even those who passed or missed it may get it: nothing waits forever
					if (!relaxed && item.declinedBy().contains(a.id()) || used(load, a.id(), item.channel()) >= cap
							|| standing.getOrDefault(a.id(), 0) >= settings.offersAtOnce()) {
						continue;
					}
					if (ownerFirst && a.id() != item.owner()) {
						continue;
					}
					if (item.team() != null && !a.teams().contains(item.team())) {
						continue;
					}
					if (!relaxed && !item.requiredSkills()
						.stream()
						.allMatch(sk -> !held.contains(sk) || a.skills().getOrDefault(sk, 0) >= 1)) {
						continue;
					}
					candidates++;
					if (best == null || better(a, best, load, item.channel())) {
						best = a;
					}
				}
				if (best == null) {
					continue;
				}
				Map<String, Object> reason = new LinkedHashMap<>();
				reason.put("rule", ownerFirst ? "owner" : candidates == 1 ? "only" : "least-loaded, longest-idle");
				reason.put("load", used(load, best.id(), item.channel()));
				reason.put("capacity", cap);
				reason.put("idleSince", best.lastOffered() == null ? null : best.lastOffered().toString());
				reason.put("candidates", candidates);
				reason.put("skills", item.requiredSkills().stream().filter(held::contains).toList());
				reason.put("relaxed", relaxed);
				reason.put("team", item.team());
				reason.put("grade", item.grade());
				reason.put("priority", item.priorityRank());
				load.computeIfAbsent(best.id(), k -> new HashMap<>()).merge(item.channel(), 1, Integer::sum);
				standing.merge(best.id(), 1, Integer::sum);
				// the next offer among equals goes to someone else: now is their last offer
				agents.set(agents.indexOf(best), new Agent(best.id(), best.teams(), best.skills(), now));
				offerItems.add(item.id());
				offerAgents.add(best.id());
				reasons.add(Json.of(reason));
				offered.add(item);
			}
			if (offered.isEmpty()) {
				return 0;
			}
			// all offers of the batch in three statements
			List<long[]> ids2 = jdbc.sql("""
					insert into routing_offer (item_id, agent_id, offered_at, expires_at, reason, node)
					select i, a, ?, ?, r::jsonb, ? from unnest(?::bigint[], ?::bigint[], ?::text[]) as x(i, a, r)
					returning id, item_id""")
				.params(ts(now), ts(expires), node, offerItems.toArray(Long[]::new), offerAgents.toArray(Long[]::new),
						reasons.toArray(String[]::new))
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
				.list();
			Map<Long, Long> offerOf = new HashMap<>();
			ids2.forEach(r -> offerOf.put(r[1], r[0]));
			Long[] offerIds = offerItems.stream().map(offerOf::get).toArray(Long[]::new);
			int changed = jdbc.sql("""
					update routing_item r set state = 'offered', offered_to = x.a, offer_id = x.o, offer_expires_at = ?,
					  updated_at = ? from unnest(?::bigint[], ?::bigint[], ?::bigint[]) as x(i, a, o)
					where r.id = x.i and r.state = 'waiting'""")
				.params(ts(expires), ts(now), offerItems.toArray(Long[]::new), offerAgents.toArray(Long[]::new), offerIds)
				.update();
			if (changed != offered.size()) {
				throw new IllegalStateException("Work items changed under their locks");
			}
			jdbc.sql("update routing_agent set last_offered_at = ? where user_id = any(?)")
				.params(ts(now), offerAgents.stream().distinct().toArray(Long[]::new))
				.update();
			for (int i = 0; i < offered.size(); i++) {
				WorkItem item = offered.get(i);
				Map<String, Object> payload = new LinkedHashMap<>();
				payload.put("offer", offerIds[i]);
				payload.put("ticket", item.ticket());
				payload.put("number", item.number());
				payload.put("subject", item.subject());
				payload.put("channel", item.channel());
				payload.put("expiresAt", expires.toString());
				made.add(new Made(offerAgents.get(i), payload));
			}
			return offered.size();
		});
		for (Made m : made) {
			live.push(m.agent(), "routing.offer", m.payload());
		}
		return count == null ? 0 : count;
	}

	/** Least loaded for the channel (as a share of capacity), then the longest without an offer. */
	private static boolean better(Agent a, Agent b, Map<Long, Map<String, Integer>> load, String channel) {
		int la = used(load, a.id(), channel);
		int lb = used(load, b.id(), channel);
		if (la != lb) {
			return la < lb;
		}
		Instant ia = a.lastOffered() == null ? Instant.EPOCH : a.lastOffered();
		Instant ib = b.lastOffered() == null ? Instant.EPOCH : b.lastOffered();
		return ia.isBefore(ib);
	}

	private static int used(Map<Long, Map<String, Integer>> load, long agent, String channel) {
		return load.getOrDefault(agent, Map.of()).getOrDefault(channel, 0);
	}

	/** Assigned and offered items per agent and channel. */
	private Map<Long, Map<String, Integer>> load(Long[] agents) {
		Map<Long, Map<String, Integer>> load = new HashMap<>();
		jdbc.sql("""
				select coalesce(assigned_to, offered_to), channel, count(*) from routing_item
				where (state = 'assigned' and assigned_to = any(?)) or (state = 'offered' and offered_to = any(?))
				group by 1, 2""")
			.params(agents, agents)
			.query(rs -> {
				load.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
			});
		return load;
	}
}
