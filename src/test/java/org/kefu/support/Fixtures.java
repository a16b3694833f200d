package org.kefu.support;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.kefu.customer.ContactDetails;
import org.kefu.identity.ApiTokens;
import org.kefu.identity.NewUser;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.shared.Actor;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.NewTicket;
import org.kefu.ticket.Priority;
import org.kefu.ticket.TicketChange;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketStatus;
import org.kefu.ticket.Tickets;

import org.springframework.boot.test.context.TestComponent;

/**
 * Test data made the way users make it: through the modules' own operations, with their rules
 * and events. Names get a run-unique suffix so that tests sharing a database never collide.
 */
@TestComponent
public class Fixtures {

	public static final String PASSWORD = "password-123";
	private static final AtomicInteger sequence = new AtomicInteger();

	private final Users users;
	private final ApiTokens tokens;
	private final Tickets tickets;
	private final org.kefu.identity.Teams teams;

	Fixtures(Users users, ApiTokens tokens, Tickets tickets, org.kefu.identity.Teams teams) {
		this.users = users;
		this.tokens = tokens;
		this.tickets = tickets;
		this.teams = teams;
	}

	/** A new after-sale team; returns its id. */
	public long team(String name) {
		return teams.create(name, org.kefu.identity.ServiceStage.AFTER_SALE, null, "", Actor.system()).value();
	}

	/** A unique name built on the given one: {@code agent} becomes {@code agent-17}. */
	public static String unique(String name) {
		return name + "-" + sequence.incrementAndGet();
	}

	public Person person(String role, String... more) {
		String username = unique(role.replace('_', '-'));
		Set<String> roles = new java.util.HashSet<>(List.of(more));
		roles.add(role);
		UserId id = users.create(new NewUser(username, "Test " + username, null, null, PASSWORD, roles, Set.of(), null),
				Actor.system());
		return new Person(id, username);
	}

	public String tokenFor(Person person) {
		return tokens.issue(person.id(), "test", Duration.ofDays(1), person.actor()).token();
	}

	public TicketBuilder aTicket() {
		return new TicketBuilder();
	}

	/** A user of the tests, with the actor their requests act as. */
	public record Person(UserId id, String username) {

		public Actor actor() {
			return Actor.user(id.value(), username, "127.0.0.1");
		}
	}

	/** Builds a ticket and brings it to a status through its real transitions. */
	public final class TicketBuilder {

		private String subject = "快递三天没有更新";
		private String description = "我的订单 DD20261120 已经三天没有物流更新了，请帮忙查一下。";
		private String businessType = "delivery_chase";
		private Priority priority = Priority.NORMAL;
		private ContactDetails customer = new ContactDetails("王芳", unique("wangfang") + "@example.com", null);
		private Person by;
		private Person assignee;
		private Long team;
		private Set<String> tags = Set.of();

		public TicketBuilder subject(String subject) {
			this.subject = subject;
			return this;
		}

		public TicketBuilder saying(String description) {
			this.description = description;
			return this;
		}

		public TicketBuilder ofType(String businessType) {
			this.businessType = businessType;
			return this;
		}

		public TicketBuilder priority(Priority priority) {
			this.priority = priority;
			return this;
		}

		public TicketBuilder from(ContactDetails customer) {
			this.customer = customer;
			return this;
		}

		public TicketBuilder by(Person by) {
			this.by = by;
			return this;
		}

		public TicketBuilder assignedTo(Person assignee) {
			this.assignee = assignee;
			return this;
		}

		public TicketBuilder team(Long team) {
			this.team = team;
			return this;
		}

		public TicketBuilder tagged(String... tags) {
			this.tags = Set.of(tags);
			return this;
		}

		public TicketId open() {
			Actor actor = by == null ? Actor.system() : by.actor();
			return tickets.open(new NewTicket(subject, description, businessType, priority, Channel.PHONE, null, customer,
					assignee == null ? null : assignee.id().value(), team, tags, List.of()), actor);
		}

		public TicketId solved() {
			TicketId id = open();
			Actor actor = by == null ? Actor.system() : by.actor();
			tickets.reply(id, NewMessage.reply("已为您处理，请查收。"), actor);
			tickets.change(id, TicketChange.status(TicketStatus.SOLVED), actor);
			return id;
		}

		public TicketId closed() {
			TicketId id = solved();
			tickets.change(id, TicketChange.status(TicketStatus.CLOSED), by == null ? Actor.system() : by.actor());
			return id;
		}
	}
}
