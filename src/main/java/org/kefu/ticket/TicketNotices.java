package org.kefu.ticket;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kefu.identity.Users;
import org.kefu.notification.Notifications;
import org.kefu.shared.Actor;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells people of work that became theirs: a ticket assigned to them by someone else, and a
 * colleague naming them ({@code @username}) in a note or reply. In the ticket's transaction, as
 * notices (and, through them, mails in working hours).
 */
@Component
class TicketNotices {

	private static final Pattern MENTION = Pattern.compile("(?<![\\w@.])@([A-Za-z0-9][A-Za-z0-9._-]{1,39})");

	private final Notifications notifications;
	private final Users users;
	private final TicketRepository tickets;
	private final TicketMessageRepository messages;

	TicketNotices(Notifications notifications, Users users, TicketRepository tickets, TicketMessageRepository messages) {
		this.notifications = notifications;
		this.users = users;
		this.tickets = tickets;
		this.messages = messages;
	}

	@EventListener
	void created(TicketCreated created) {
		if (created.values().get("assignee") instanceof Number assignee) {
			assigned(created.ticket(), assignee.longValue(), created.by());
		}
	}

	@EventListener
	void changed(TicketChanged changed) {
		if (changed.changed("assignee") && changed.after().get("assignee") instanceof Number assignee
				&& !Objects.equals(changed.before().get("assignee"), changed.after().get("assignee"))) {
			assigned(changed.ticket(), assignee.longValue(), changed.by());
		}
	}

	private void assigned(TicketId id, long assignee, Actor by) {
		if (Objects.equals(by.userId(), assignee)) {
			return;
		}
		tickets.findById(id.value()).ifPresent(t -> notifications.notify(List.of(assignee), "ticket.assigned",
				List.of(String.valueOf(t.number()), t.subject(), by.name()), "/tickets/" + t.number()));
	}

	@EventListener
	void messageAdded(TicketMessageAdded added) {
		if (added.author() != Author.AGENT || added.by().userId() == null) {
			return;
		}
		TicketMessage message = messages.findById(added.message()).orElse(null);
		if (message == null || message.body().indexOf('@') < 0) {
			return;
		}
		Set<Long> named = new LinkedHashSet<>();
		Matcher m = MENTION.matcher(message.body());
		while (m.find() && named.size() < 20) {
			users.findByUsername(m.group(1)).filter(u -> u.enabled() && !Objects.equals(u.id().value(), added.by().userId()))
				.ifPresent(u -> named.add(u.id().value()));
		}
		if (!named.isEmpty()) {
			tickets.findById(added.ticket().value()).ifPresent(t -> notifications.notify(named, "ticket.mentioned",
					List.of(String.valueOf(t.number()), t.subject(), added.by().name()), "/tickets/" + t.number()));
		}
	}
}
