package org.kefu.ticket;

import org.kefu.customer.CustomerActivity;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Puts a customer's tickets on their timeline: opened, solved, closed, reopened. */
@Component
class CustomerHistory {

	private final Tickets tickets;
	private final ApplicationEventPublisher events;

	CustomerHistory(Tickets tickets, ApplicationEventPublisher events) {
		this.tickets = tickets;
		this.events = events;
	}

	@EventListener
	void on(TicketCreated created) {
		report(created.ticket(), "ticket.opened");
	}

	@EventListener
	void on(TicketChanged changed) {
		Object status = changed.after().get("status");
		Object before = changed.before().get("status");
		if ("solved".equals(status) || "closed".equals(status)) {
			report(changed.ticket(), "ticket." + status);
		}
		else if ("open".equals(status) && ("solved".equals(before) || "pending".equals(before))) {
			report(changed.ticket(), "ticket.reopened");
		}
	}

	private void report(TicketId id, String kind) {
		TicketSummary ticket = tickets.summary(id);
		events.publishEvent(new CustomerActivity(ticket.customer(), ticket.updatedAt(), kind,
				"#" + ticket.number() + " " + ticket.subject(), "/tickets/" + ticket.number(), "ticket"));
	}
}
