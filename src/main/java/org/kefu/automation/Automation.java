package org.kefu.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.kefu.automation.Rule.Action;
import org.kefu.automation.Rule.Condition;
import org.kefu.automation.Rule.Kind;
import org.kefu.identity.Permission;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.notification.Notifications;
import org.kefu.reply.SavedReplies;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.KefuException;
import org.kefu.ticket.Author;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.Priority;
import org.kefu.ticket.TicketChange;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketStatus;
import org.kefu.ticket.TicketSummary;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.Visibility;
import org.kefu.webhook.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Running rules on tickets: testing their conditions and taking their actions ({@link RuleTrials}
 * tries them without taking any).
 *
 * <p>A rule acts as itself ({@link Actor#rule}): every change it makes is in the ticket's history
 * under its name, and the events it causes carry the chain of rules behind them. A rule that would
 * act again on an event its own chain caused — rule A sets something, rule B sets it back, A again —
 * is stopped, recorded and its keepers told; so is a rule acting on one ticket more than
 * {@value #MAX_RUNS_PER_HOUR} times in an hour (a loop through a customer's auto-reply, say). A rule
 * set off only by its own change is simply not run again. Each rule runs in its own transaction:
 * one that fails (a status move the ticket's life cycle refuses) changes nothing and is recorded.
 */
@Service
public class Automation {

	private static final Logger log = LoggerFactory.getLogger(Automation.class);

	static final int MAX_CHAIN = 8;
	static final int MAX_RUNS_PER_HOUR = 5;

	private final Rules rules;
	private final Tickets tickets;
	private final Teams teams;
	private final Users users;
	private final Notifications notifications;
	private final SavedReplies replies;
	private final Webhooks webhooks;
	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final TransactionTemplate own;

	Automation(Rules rules, Tickets tickets, Teams teams, Users users, Notifications notifications,
			SavedReplies replies, Webhooks webhooks, JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events,
			Clock clock, PlatformTransactionManager transactions) {
		this.rules = rules;
		this.tickets = tickets;
		this.teams = teams;
		this.users = users;
		this.notifications = notifications;
		this.replies = replies;
		this.webhooks = webhooks;
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.clock = clock;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** What the conditions are tested against: the ticket now, since when it is in its status, what just changed. */
	record Facts(TicketSummary ticket, Instant statusSince, Set<String> changed) {
	}

	/** How a rule fared on one ticket. */
	public enum Outcome {
		DONE, NOT_MET, NOTHING_TO_DO, SELF, LOOP_STOPPED, FAILED
	}

	// ---- running

	/**
	 * Runs a rule on a ticket, set off by {@code trigger}, caused by {@code cause}. For a time rule,
	 * {@code since} is when the ticket entered its status: the rule runs once for that stretch.
	 */
	public Outcome fire(Rule rule, TicketId ticket, String trigger, Actor cause, Set<String> changed, Instant since) {
		List<Long> chain = cause.rules();
		int at = chain.indexOf(rule.id());
		if (at >= 0 && at == chain.size() - 1) {
			return Outcome.SELF;
		}
		Facts facts;
		try {
			facts = facts(ticket, changed);
		}
		catch (KefuException e) {
			return Outcome.NOT_MET;
		}
		if (!rule.conditions().stream().allMatch(c -> met(c, facts))) {
			if (since != null) {
				record(rule, ticket, trigger, since, "skipped", List.of());
			}
			return Outcome.NOT_MET;
		}
		if (at >= 0 || chain.size() >= MAX_CHAIN || tooOften(rule, ticket)) {
			return stopLoop(rule, facts.ticket(), trigger, chain);
		}
		List<Action> todo = rule.actions().stream().filter(a -> changes(a, facts.ticket())).toList();
		if (todo.isEmpty()) {
			if (since != null) {
				// looked at for this stretch: not looked at again every minute
				record(rule, ticket, trigger, since, "skipped", List.of());
			}
			return Outcome.NOTHING_TO_DO;
		}
		List<Long> next = new ArrayList<>(chain);
		next.add(rule.id());
		Actor actor = Actor.rule(rule.name(), next);
		try {
			Boolean done = own.execute(tx -> {
				// a time rule's run is unique for its stretch: none recorded means another run got there first
				if (!record(rule, ticket, trigger, since, "done", texts(todo))) {
					return false;
				}
				todo.forEach(a -> act(a, rule, ticket, actor));
				events.publishEvent(new RuleApplied(ticket, rule.id(), rule.name(), trigger, "done", texts(todo), actor));
				return true;
			});
			return Boolean.TRUE.equals(done) ? Outcome.DONE : Outcome.NOTHING_TO_DO;
		}
		catch (KefuException e) {
			log.info("Rule {} failed on ticket {}: {}", rule.id(), ticket.value(), e.getMessage());
			own.executeWithoutResult(tx -> record(rule, ticket, trigger, since, "failed", List.of(e.code())));
			return Outcome.FAILED;
		}
	}

	/** An agent applies a macro: its actions, as the agent, in the agent's transaction. */
	public List<String> applyMacro(long macro, TicketId ticket, Actor agent) {
		Rule rule = rules.get(macro);
		if (rule.kind() != Kind.MACRO || !rule.active()) {
			throw new InvalidInputException("automation.not-a-macro", macro);
		}
		return own.execute(tx -> {
			List<String> done = new ArrayList<>();
			for (Action a : rule.actions()) {
				if (changes(a, tickets.summary(ticket))) {
					act(a, rule, ticket, agent);
					done.add(text(a));
				}
			}
			record(rule, ticket, "macro", null, "done", done);
			events.publishEvent(new RuleApplied(ticket, rule.id(), rule.name(), "macro", "done", done, agent));
			return done;
		});
	}

	private Outcome stopLoop(Rule rule, TicketSummary ticket, String trigger, List<Long> chain) {
		Map<Long, String> names = new LinkedHashMap<>();
		rules.all().forEach(r -> names.put(r.id(), r.name()));
		List<String> path = new ArrayList<>(chain.stream().map(id -> names.getOrDefault(id, "#" + id)).toList());
		path.add(rule.name());
		own.executeWithoutResult(tx -> {
			record(rule, ticket.id(), trigger, null, "loop_stopped", path);
			events.publishEvent(new RuleApplied(ticket.id(), rule.id(), rule.name(), trigger, "loop_stopped", path,
					Actor.rule(rule.name(), chain)));
			notifications.notify(users.withPermission(Permission.AUTOMATION_MANAGE).stream().map(u -> u.id().value()).toList(),
					"automation.loop", List.of(rule.name(), String.valueOf(ticket.number()), String.join(" → ", path)),
					"/admin/automation/" + rule.id());
		});
		return Outcome.LOOP_STOPPED;
	}

	private boolean tooOften(Rule rule, TicketId ticket) {
		return rule.kind() == Kind.EVENT && jdbc.sql("""
				select count(*) from automation_run where ticket_id = ? and rule_id = ? and outcome = 'done' and at > ?""")
			.params(ticket.value(), rule.id(), Timestamp.from(clock.instant().minus(Duration.ofHours(1))))
			.query(Long.class).single() >= MAX_RUNS_PER_HOUR;
	}

	/** Records a run; false if a time rule already ran for this stretch (another process, a retry). */
	private boolean record(Rule rule, TicketId ticket, String trigger, Instant since, String outcome, List<String> detail) {
		return jdbc.sql("""
				insert into automation_run (rule_id, ticket_id, at, trigger, since, outcome, detail)
				values (?, ?, ?, ?, ?, ?, cast(? as jsonb)) on conflict do nothing""")
			.params(rule.id(), ticket.value(), Timestamp.from(clock.instant()), trigger,
					since == null ? null : Timestamp.from(since), outcome, json.writeValueAsString(detail))
			.update() == 1;
	}

	// ---- conditions

	Facts facts(TicketId id, Set<String> changed) {
		TicketSummary t = tickets.summary(id);
		Instant since = jdbc.sql("select status_changed_at from ticket where id = ?").param(id.value())
			.query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(t.updatedAt());
		return new Facts(t, since, changed);
	}

	boolean met(Condition c, Facts f) {
		TicketSummary t = f.ticket();
		String v = c.value();
		return switch (c.field()) {
			case "status" -> is(c.op(), t.status().code().equals(v));
			case "priority" -> is(c.op(), t.priority().code().equals(v));
			case "channel" -> is(c.op(), t.channel().code().equals(v));
			case "business_type" -> is(c.op(), t.businessType().equals(v));
			case "team" -> present(c.op(), t.team(), v);
			case "assignee" -> present(c.op(), t.assignee(), v);
			case "tags" -> c.op().equals("contains") == t.tags().contains(v);
			case "subject" -> c.op().equals("contains") == t.subject().toLowerCase().contains(v.toLowerCase());
			case "changed" -> f.changed().contains(v);
			case "hours_in_status" -> Duration.between(f.statusSince(), clock.instant()).toSeconds() >= Double.parseDouble(v) * 3600;
			default -> false;
		};
	}

	private static boolean is(String op, boolean equal) {
		return op.equals("is") == equal;
	}

	private static boolean present(String op, Long value, String wanted) {
		return switch (op) {
			case "is_set" -> value != null;
			case "is_empty" -> value == null;
			case "is" -> value != null && String.valueOf(value).equals(wanted);
			default -> value == null || !String.valueOf(value).equals(wanted);
		};
	}

	// ---- actions

	/** Whether an action would change anything on the ticket as it is (telling and calling always do). */
	static boolean changes(Action a, TicketSummary t) {
		return switch (a.type()) {
			case "set" -> switch (a.field()) {
				case "status" -> !t.status().code().equals(a.value()) && t.status().canMoveTo(TicketStatus.ofCode(a.value()));
				case "priority" -> !t.priority().code().equals(a.value());
				default -> !t.businessType().equals(a.value());
			};
			case "assign" -> !String.valueOf("user".equals(a.field()) ? t.assignee() : t.team()).equals(a.value());
			case "add_tag" -> !t.tags().contains(a.value());
			case "remove_tag" -> t.tags().contains(a.value());
			default -> true;
		};
	}

	private void act(Action a, Rule rule, TicketId ticket, Actor actor) {
		switch (a.type()) {
			case "set" -> tickets.change(ticket, switch (a.field()) {
				case "status" -> TicketChange.status(TicketStatus.ofCode(a.value()));
				case "priority" -> new TicketChange(null, null, Priority.ofCode(a.value()), null, null, null, null);
				default -> new TicketChange(null, null, null, a.value(), null, null, null);
			}, actor);
			case "assign" -> tickets.change(ticket, "user".equals(a.field())
					? new TicketChange(null, null, null, null, Optional.of(Long.valueOf(a.value())), null, null)
					: new TicketChange(null, null, null, null, null, Optional.of(Long.valueOf(a.value())), null), actor);
			case "add_tag", "remove_tag" -> {
				Set<String> tags = new TreeSet<>(tickets.summary(ticket).tags());
				if (a.type().equals("add_tag")) {
					tags.add(a.value());
				}
				else {
					tags.remove(a.value());
				}
				tickets.change(ticket, new TicketChange(null, null, null, null, null, null, tags), actor);
			}
			case "notify" -> {
				TicketSummary t = tickets.summary(ticket);
				List<Long> to = recipients(a.field(), t);
				if (!to.isEmpty()) {
					notifications.notify(to, "automation.notice", List.of(rule.name(), String.valueOf(t.number()),
							replies.fill(a.value(), ticket, actor).text()), "/tickets/" + t.number());
				}
			}
			case "reply" -> tickets.reply(ticket, new NewMessage(replies.fill(a.value(), ticket, actor).text(),
					"internal".equals(a.field()) ? Visibility.INTERNAL : Visibility.PUBLIC, Author.AGENT, null, null,
					List.of()), actor);
			case "webhook" -> {
				TicketSummary t = tickets.summary(ticket);
				Map<String, Object> payload = new LinkedHashMap<>();
				payload.put("rule", Map.of("id", rule.id(), "name", rule.name()));
				Map<String, Object> view = new LinkedHashMap<>();
				view.put("id", t.id().value());
				view.put("number", t.number());
				view.put("subject", t.subject());
				view.put("status", t.status().code());
				view.put("priority", t.priority().code());
				view.put("businessType", t.businessType());
				view.put("channel", t.channel().code());
				view.put("assignee", t.assignee());
				view.put("team", t.team());
				view.put("tags", t.tags());
				payload.put("ticket", view);
				webhooks.deliverTo(Long.parseLong(a.value()), "ticket.rule", payload);
			}
			default -> throw new InvalidInputException("automation.action-invalid", a.type(), a.field(), a.value());
		}
	}

	private List<Long> recipients(String who, TicketSummary t) {
		Set<Long> to = new LinkedHashSet<>();
		switch (who) {
			case "assignee" -> {
				if (t.assignee() != null) {
					to.add(t.assignee());
				}
			}
			case "team_lead" -> {
				if (t.team() != null) {
					teams.leads(new TeamId(t.team())).forEach(u -> to.add(u.value()));
				}
			}
			case "team" -> {
				if (t.team() != null) {
					teams.members(new TeamId(t.team())).stream().filter(u -> u.enabled()).forEach(u -> to.add(u.id().value()));
				}
			}
			default -> users.find(new UserId(Long.parseLong(who.substring(5)))).filter(u -> u.enabled())
				.ifPresent(u -> to.add(u.id().value()));
		}
		return List.copyOf(to);
	}

	private static List<String> texts(List<Action> actions) {
		return actions.stream().map(Automation::text).toList();
	}

	private static String text(Action a) {
		String value = a.value().length() > 80 ? a.value().substring(0, 80) + "…" : a.value();
		return a.field() == null ? a.type() + " " + value : a.type() + " " + a.field() + " " + value;
	}
}
