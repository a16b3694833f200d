package org.kefu.sla;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.UserId;
import org.kefu.notification.Notifications;
import org.kefu.ticket.TicketSummary;
import org.kefu.ticket.Tickets;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Who hears of a clock running out: a warning goes to the agent the ticket is assigned to (or the
 * team's leads when nobody has it); a breach to the agent and the team's leads.
 */
@Component
class SlaNotices {

	private final Tickets tickets;
	private final Teams teams;
	private final Notifications notifications;
	private final SlaClocks clocks;

	SlaNotices(Tickets tickets, Teams teams, Notifications notifications, SlaClocks clocks) {
		this.tickets = tickets;
		this.teams = teams;
		this.notifications = notifications;
		this.clocks = clocks;
	}

	@ApplicationModuleListener
	void warned(SlaWarned event) {
		TicketSummary ticket = tickets.summary(event.ticket());
		Set<Long> to = new LinkedHashSet<>();
		if (ticket.assignee() != null) {
			to.add(ticket.assignee());
		}
		else {
			to.addAll(leads(ticket));
		}
		send(to, "sla.warned", ticket, event.metric());
	}

	@ApplicationModuleListener
	void breached(SlaBreached event) {
		TicketSummary ticket = tickets.summary(event.ticket());
		Set<Long> to = new LinkedHashSet<>(leads(ticket));
		if (ticket.assignee() != null) {
			to.add(ticket.assignee());
		}
		send(to, "sla.breached", ticket, event.metric());
	}

	private List<Long> leads(TicketSummary ticket) {
		return ticket.team() == null ? List.of()
				: teams.leads(new TeamId(ticket.team())).stream().map(UserId::value).toList();
	}

	private void send(Set<Long> to, String kind, TicketSummary ticket, SlaMetric metric) {
		// only news while the clock still runs: a reply that came late has already said it all
		boolean running = clocks.of(ticket.id())
			.stream()
			.anyMatch(c -> c.metric() == metric && c.running());
		if (!to.isEmpty() && ticket.status().isUnsolved() && running) {
			notifications.notify(to, kind + "." + metric.code(), List.of(String.valueOf(ticket.number()),
					ticket.subject()), "/tickets/" + ticket.number());
		}
	}
}
