package org.kefu.ticket.web;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.kefu.customer.CustomerId;
import org.kefu.customer.CustomerView;
import org.kefu.customer.Customers;
import org.kefu.identity.CurrentUsers;
import org.kefu.identity.Permission;
import org.kefu.identity.TeamSummary;
import org.kefu.identity.Teams;
import org.kefu.identity.UserId;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.ticket.AttachmentView;
import org.kefu.ticket.BusinessType;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.TicketDetail;
import org.kefu.ticket.TicketSummary;

import org.springframework.stereotype.Component;

/**
 * Puts names to the ids a ticket carries (customer, assignee, team, business type), a whole page
 * at a time, for pages and the API alike.
 */
@Component
class TicketViews {

	private final Customers customers;
	private final Users users;
	private final Teams teams;
	private final BusinessTypes businessTypes;

	TicketViews(Customers customers, Users users, Teams teams, BusinessTypes businessTypes) {
		this.customers = customers;
		this.users = users;
		this.teams = teams;
		this.businessTypes = businessTypes;
	}

	/** A ticket with names, as lists and the API show it. */
	record Row(long id, long number, String subject, String status, String priority, String businessType,
			String businessTypeName, String channel, List<String> tags, Party customer, Person assignee, Group team,
			Instant createdAt, Instant updatedAt) {
	}

	record Party(long id, String name, String email, String phone) {
	}

	record Person(long id, String username, String displayName) {
	}

	record Group(long id, String name) {
	}

	/** One message with its author's name. */
	record Message(long id, String author, Long authorId, String authorName, String visibility, String body,
			String channel, Instant createdAt, List<AttachmentView> attachments) {
	}

	List<Row> rows(List<TicketSummary> tickets, Locale locale) {
		boolean reveal = CurrentUsers.can(Permission.CUSTOMER_CONTACT_DETAILS);
		Map<CustomerId, CustomerView> people = new java.util.HashMap<>();
		customers.find(tickets.stream().map(TicketSummary::customer).toList())
			.forEach((id, view) -> people.put(id, view.maskedUnless(reveal)));
		Set<UserId> agentIds = new HashSet<>();
		tickets.forEach(t -> {
			if (t.assignee() != null) {
				agentIds.add(new UserId(t.assignee()));
			}
		});
		Map<UserId, UserSummary> agents = users.find(agentIds);
		Map<Long, TeamSummary> groups = teamMap();
		Map<String, BusinessType> types = businessTypes.all().stream()
			.collect(Collectors.toMap(BusinessType::code, Function.identity()));
		return tickets.stream().map(t -> row(t, people.get(t.customer()),
				t.assignee() == null ? null : agents.get(new UserId(t.assignee())),
				t.team() == null ? null : groups.get(t.team()), types.get(t.businessType()), locale)).toList();
	}

	Row row(TicketSummary ticket, Locale locale) {
		return rows(List.of(ticket), locale).get(0);
	}

	List<Message> messages(TicketDetail detail) {
		Set<UserId> authors = new HashSet<>();
		detail.messages().forEach(m -> {
			if (m.authorUser() != null) {
				authors.add(new UserId(m.authorUser()));
			}
		});
		Map<UserId, UserSummary> names = users.find(authors);
		CustomerView customer = customers.find(detail.ticket().customer()).orElse(null);
		return detail.messages().stream().map(m -> {
			String name = switch (m.author()) {
				case CUSTOMER -> customer == null ? null : customer.name();
				case AGENT, SYSTEM -> java.util.Optional.ofNullable(m.authorUser()).map(UserId::new).map(names::get)
					.map(UserSummary::displayName).orElse(null);
			};
			Long authorId = m.author() == org.kefu.ticket.Author.CUSTOMER ? m.authorCustomer() : m.authorUser();
			return new Message(m.id(), m.author().code(), authorId, name, m.visibility().code(), m.body(),
					m.channel().code(), m.createdAt(), m.attachments());
		}).toList();
	}

	Map<Long, TeamSummary> teamMap() {
		return teams.all().stream().collect(Collectors.toMap(t -> t.id().value(), Function.identity()));
	}

	private static Row row(TicketSummary t, CustomerView customer, UserSummary assignee, TeamSummary team,
			BusinessType type, Locale locale) {
		return new Row(t.id().value(), t.number(), t.subject(), t.status().code(), t.priority().code(),
				t.businessType(), type == null ? t.businessType() : type.name(locale), t.channel().code(),
				List.copyOf(t.tags()),
				customer == null ? null
						: new Party(customer.id().value(), customer.name(), customer.email(), customer.phone()),
				assignee == null ? null
						: new Person(assignee.id().value(), assignee.username(), assignee.displayName()),
				team == null ? null : new Group(team.id().value(), team.name()), t.createdAt(), t.updatedAt());
	}
}
