package org.kefu.channel.web;

import org.kefu.channel.ChannelContacts;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The card on a ticket's page listing its contacts: calls with their length and recording, IM conversations. */
@Controller
class ContactCards {

	private final ChannelContacts contacts;
	private final Tickets tickets;

	ContactCards(ChannelContacts contacts, Tickets tickets) {
		this.contacts = contacts;
		this.tickets = tickets;
	}

	@GetMapping("/channels/tickets/{id}/contacts")
	String card(@PathVariable long id, Model model) {
		tickets.summary(new TicketId(id));
		return fill(model, contacts, id);
	}

	/** The card's model: the contacts, and the latest answered call for the phone script. */
	static String fill(Model model, ChannelContacts contacts, long ticket) {
		java.util.List<org.kefu.channel.ContactView> all = contacts.of(new TicketId(ticket));
		model.addAttribute("contacts", all);
		model.addAttribute("ticketId", ticket);
		model.addAttribute("steps", org.kefu.channel.CallScripts.STEPS);
		model.addAttribute("call", all.stream().filter(c -> c.channel().equals("phone") && c.answeredAt() != null)
			.reduce((a, b) -> b).orElse(null));
		return "channel/contacts :: card";
	}
}
