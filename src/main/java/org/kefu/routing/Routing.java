package org.kefu.routing;

import static org.kefu.routing.WorkItems.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.kefu.account.Accounts;
import org.kefu.identity.Skills;
import org.kefu.platform.AfterCommit;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.Channel;
import org.kefu.ticket.TicketChange;
import org.kefu.ticket.TicketChanged;
import org.kefu.ticket.TicketCreated;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketStatus;
import org.kefu.ticket.TicketSummary;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.TicketsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work items behind tickets, kept in step with them in the ticket's own transaction, and what
 * agents and supervisors do with offers. Chats are not routed here: the chat queue offers them.
 */
@Service
@Transactional(readOnly = true)
public class Routing {

	private final JdbcClient jdbc;
	private final WorkItems items;
	private final Tickets tickets;
	private final Accounts accounts;
	private final Skills skills;
	private final Dispatcher dispatcher;
	private final RoutingSettings settings;
	private final Clock clock;

	Routing(JdbcClient jdbc, WorkItems items, Tickets tickets, Accounts accounts, Skills skills, Dispatcher dispatcher,
			RoutingSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.items = items;
		this.tickets = tickets;
		this.accounts = accounts;
		this.skills = skills;
		this.dispatcher = dispatcher;
		this.settings = settings;
		this.clock = clock;
	}

	/** An offer as the agent sees it. */
	public record OfferView(long offer, long item, long ticket, long number, String subject, String channel,
			Instant expiresAt) {
	}

	/** One queue: a team (or none) and a business type, with what waits in it. */
	public record QueueView(Long team, String businessType, int waiting, int offered, long longestWaitSeconds,
			Instant oldest) {
	}

	// ---- tickets

	@EventListener
	@Transactional
	void opened(TicketCreated event) {
		if (event.channel() == Channel.CHAT) {
			return;
		}
		TicketSummary t = tickets.summary(event.ticket());
		Instant now = clock.instant();
		Integer grade = accounts.bestTierOf(t.customer());
		String language = language(t.subject());
		List<String> required = required(t.channel().code(), t.businessType(), language);
		// first-contact ownership (首问负责制): the agent who has the customer's open issue comes first
		Long owner = jdbc.sql("""
				select assigned_to from routing_item where customer_id = ? and state = 'assigned' and ticket_id <> ?
				order by assigned_at desc limit 1""")
			.params(t.customer().value(), t.id().value())
			.query(Long.class)
			.optional()
			.orElse(null);
		String state = t.assignee() == null ? "waiting" : "assigned";
		jdbc.sql("""
				insert into routing_item (ticket_id, ticket_number, customer_id, subject, channel, business_type, team_id,
				  language, required_skills, priority_rank, grade, owner_id, owner_until, arrived_at, state, assigned_to,
				  assigned_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (ticket_id) do nothing""")
			.params(t.id().value(), t.number(), t.customer().value(), t.subject(), t.channel().code(), t.businessType(),
					t.team(), language, "{" + String.join(",", required) + "}", t.priority().rank(), grade, owner,
					owner == null ? null : ts(now.plus(settings.ownerWait())), ts(now), state, t.assignee(),
					t.assignee() == null ? null : ts(now), ts(now))
			.update();
		if (state.equals("waiting")) {
			AfterCommit.run(dispatcher::nudge);
		}
	}

	@EventListener
	@Transactional
	void changed(TicketChanged event) {
		Optional<WorkItem> found = items.ofTicket(event.ticket().value(), true);
		if (found.isEmpty()) {
			return;
		}
		WorkItem item = found.get();
		Instant now = clock.instant();
		if (!(event.changed("status") || event.changed("assignee") || event.changed("team") || event.changed("priority")
				|| event.changed("businessType"))) {
			return;
		}
		TicketSummary t = tickets.summary(event.ticket());
		if (event.changed("team") || event.changed("priority") || event.changed("businessType")) {
			jdbc.sql("""
					update routing_item set team_id = ?, priority_rank = ?, business_type = ?, required_skills = ?::text[],
					  updated_at = ? where id = ?""")
				.params(t.team(), t.priority().rank(), t.businessType(),
						"{" + String.join(",", required(t.channel().code(), t.businessType(), item.language())) + "}",
						ts(now), item.id())
				.update();
		}
		String next;
		if (!t.status().isUnsolved()) {
			next = "done";
		}
		else if (t.assignee() != null) {
			next = "assigned";
		}
		else {
			next = item.state().equals("offered") ? "offered" : "waiting";
		}
		boolean assigneeChanged = !java.util.Objects.equals(t.assignee(), item.assignedTo());
		if (next.equals(item.state()) && !assigneeChanged) {
			return;
		}
		if (item.state().equals("offered") && !next.equals("offered")) {
			// taken by hand or solved while offered: the offer is withdrawn
			int withdrawn = jdbc
				.sql("update routing_offer set outcome = 'withdrawn', decided_at = ? where id = ? and outcome is null")
				.params(ts(now), item.offer())
				.update();
			if (withdrawn == 1) {
				// an accepted offer is already decided: only a withdrawn one is taken off the agent's page
				dispatcher.withdrawn(item.offeredTo(), item.offer());
			}
		}
		jdbc.sql("""
				update routing_item set state = ?, assigned_to = ?, assigned_at = case when ? then ? else assigned_at end,
				  offered_to = case when ? = 'offered' then offered_to end, offer_id = case when ? = 'offered' then offer_id end,
				  offer_expires_at = case when ? = 'offered' then offer_expires_at end, updated_at = ? where id = ?""")
			.params(next, t.assignee(), assigneeChanged && t.assignee() != null, ts(now), next, next, next, ts(now),
					item.id())
			.update();
		if (next.equals("waiting") || !next.equals(item.state())) {
			AfterCommit.run(dispatcher::nudge);
		}
	}

	@EventListener
	@Transactional
	void merged(TicketsMerged event) {
		jdbc.sql("update routing_item set state = 'done', updated_at = ? where ticket_id = ?")
			.params(ts(clock.instant()), event.source().value())
			.update();
	}

	// ---- offers

	/** The offers standing for an agent, oldest first. */
	public List<OfferView> offersFor(long agent) {
		return jdbc.sql("""
				select offer_id, id, ticket_id, ticket_number, subject, channel, offer_expires_at from routing_item
				where state = 'offered' and offered_to = ? order by offer_expires_at""")
			.param(agent)
			.query((rs, n) -> new OfferView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
					rs.getString(6), rs.getTimestamp(7).toInstant()))
			.list();
	}

	/** The agent takes the work: the ticket is theirs. */
	@Transactional
	public OfferView accept(long offer, Actor agent) {
		WorkItem item = offered(offer, agent);
		Instant now = clock.instant();
		jdbc.sql("update routing_offer set outcome = 'accepted', decided_at = ? where id = ?").params(ts(now), offer).update();
		jdbc.sql("update routing_agent set last_assigned_at = ? where user_id = ?").params(ts(now), agent.userId()).update();
		tickets.change(new TicketId(item.ticket()), assignTo(agent.userId()), agent);
		return new OfferView(offer, item.id(), item.ticket(), item.number(), item.subject(), item.channel(),
				item.offerExpiresAt());
	}

	/** The agent passes: the work waits again for someone else, never offered to them again. */
	@Transactional
	public void decline(long offer, Actor agent) {
		WorkItem item = offered(offer, agent);
		Instant now = clock.instant();
		jdbc.sql("update routing_offer set outcome = 'declined', decided_at = ? where id = ?").params(ts(now), offer).update();
		jdbc.sql("""
				update routing_item set state = 'waiting', offered_to = null, offer_id = null, offer_expires_at = null,
				  declined_by = array_append(declined_by, ?), updated_at = ? where id = ?""")
			.params(agent.userId(), ts(now), item.id())
			.update();
		AfterCommit.run(dispatcher::nudge);
	}

	private WorkItem offered(long offer, Actor agent) {
		Long id = jdbc.sql("select item_id from routing_offer where id = ? and agent_id = ?")
			.params(offer, agent.userId())
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("routing.offer-not-found", offer));
		WorkItem item = items.get(id, true).orElseThrow(() -> new NotFoundException("routing.offer-not-found", offer));
		if (!item.state().equals("offered") || item.offer() == null || item.offer() != offer) {
			throw new ConflictException("routing.offer-gone");
		}
		return item;
	}

	/** A supervisor moves waiting or offered work to an agent. */
	@Transactional
	public void assign(long itemId, long agent, Actor by) {
		WorkItem item = items.get(itemId, true).orElseThrow(() -> new NotFoundException("routing.item-not-found", itemId));
		if (item.state().equals("done")) {
			throw new InvalidInputException("routing.item-done");
		}
		tickets.change(new TicketId(item.ticket()), assignTo(agent), by);
	}

	/** Gives the ticket to the agent, keeping its team. */
	private static TicketChange assignTo(long agent) {
		return new TicketChange(null, null, null, null, Optional.of(agent), null, null);
	}

	// ---- what supervisors see

	/** Work waiting or offered, best customers and most urgent first. */
	public List<WorkItem> waiting(int limit) {
		return jdbc.sql("select " + WorkItems.COLUMNS + """
				 from routing_item where state in ('waiting', 'offered')
				order by coalesce(grade, 9), priority_rank desc, arrived_at limit ?""")
			.param(limit)
			.query((rs, n) -> WorkItems.row(rs))
			.list();
	}

	public List<QueueView> queues() {
		Instant now = clock.instant();
		return jdbc.sql("""
				select team_id, business_type, count(*) filter (where state = 'waiting'),
				       count(*) filter (where state = 'offered'), min(arrived_at)
				from routing_item where state in ('waiting', 'offered') group by team_id, business_type""")
			.query((rs, n) -> {
				Instant oldest = rs.getTimestamp(5).toInstant();
				return new QueueView(WorkItems.longOrNull(rs, 1), rs.getString(2), rs.getInt(3), rs.getInt(4),
						Math.max(0, now.getEpochSecond() - oldest.getEpochSecond()), oldest);
			})
			.list()
			.stream()
			.sorted(Comparator.comparing(QueueView::oldest))
			.toList();
	}

	/**
	 * One channel since a moment, for the wallboard: arrived, answered (assigned to an agent),
	 * answered within the channel's target, abandoned (done before anyone took it), waiting now and
	 * the longest wait now.
	 */
	public record Served(String channel, int arrived, int answered, int answeredInTarget, int abandoned, int waiting,
			long longestWaitSeconds) {
	}

	/** Per channel since {@code since} (a team's only when given); targets in seconds per channel, 60 otherwise. */
	public List<Served> served(Instant since, Long team, Map<String, Long> targetSeconds) {
		Instant now = clock.instant();
		String[] channels = targetSeconds.keySet().toArray(String[]::new);
		Long[] seconds = targetSeconds.values().toArray(Long[]::new);
		Map<String, Served> byChannel = new java.util.TreeMap<>();
		jdbc.sql("""
				with target(channel, secs) as (select * from unnest(cast(? as text[]), cast(? as bigint[])))
				select i.channel, count(*), count(i.assigned_at),
				       count(*) filter (where i.assigned_at <= i.arrived_at + make_interval(secs => coalesce(t.secs, 60))),
				       count(*) filter (where i.state = 'done' and i.assigned_at is null)
				from routing_item i left join target t on t.channel = i.channel
				where i.arrived_at >= ? and (cast(? as bigint) is null or i.team_id = ?)
				group by i.channel""")
			.params(channels, seconds, ts(since), team, team)
			.query((rs, n) -> byChannel.put(rs.getString(1), new Served(rs.getString(1), rs.getInt(2), rs.getInt(3),
					rs.getInt(4), rs.getInt(5), 0, 0)))
			.list();
		jdbc.sql("""
				select channel, count(*), min(arrived_at) from routing_item
				where state in ('waiting', 'offered') and (cast(? as bigint) is null or team_id = ?) group by channel""")
			.params(team, team)
			.query((rs, n) -> {
				Served before = byChannel.getOrDefault(rs.getString(1), new Served(rs.getString(1), 0, 0, 0, 0, 0, 0));
				long longest = Math.max(0, now.getEpochSecond() - rs.getTimestamp(3).toInstant().getEpochSecond());
				return byChannel.put(rs.getString(1), new Served(before.channel(), before.arrived(), before.answered(),
						before.answeredInTarget(), before.abandoned(), rs.getInt(2), longest));
			})
			.list();
		return List.copyOf(byChannel.values());
	}

	/** Why each offer of a ticket went to whom. */
	public List<Map<String, Object>> decisions(long ticket) {
		List<Map<String, Object>> list = new ArrayList<>();
		jdbc.sql("""
				select o.id, o.agent_id, o.offered_at, o.expires_at, o.outcome, o.decided_at, o.reason::text, o.node
				from routing_offer o join routing_item i on i.id = o.item_id where i.ticket_id = ? order by o.id""")
			.param(ticket)
			.query(rs -> {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("offer", rs.getLong(1));
				m.put("agent", rs.getLong(2));
				m.put("offeredAt", rs.getTimestamp(3).toInstant());
				m.put("expiresAt", rs.getTimestamp(4).toInstant());
				m.put("outcome", rs.getString(5));
				m.put("decidedAt", WorkItems.instant(rs, 6));
				m.put("reason", rs.getString(7));
				m.put("node", rs.getString(8));
				list.add(m);
			});
		return list;
	}

	// ---- skills

	/** The skills an item needs: of its channel, business type and language, where Kefu has such a skill. */
	private List<String> required(String channel, String businessType, String language) {
		Set<String> known = new java.util.HashSet<>();
		skills.all(java.util.Locale.ENGLISH).forEach(s -> known.add(s.code()));
		List<String> required = new ArrayList<>();
		for (String code : List.of("channel." + channel, "business." + businessType, "language." + language)) {
			if (known.contains(code)) {
				required.add(code);
			}
		}
		return required;
	}

	/** Chinese when the words have Chinese characters, else English. */
	static String language(String text) {
		if (text != null) {
			for (int i = 0; i < text.length(); i++) {
				if (Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.HAN) {
					return "zh";
				}
			}
		}
		return "en";
	}
}
