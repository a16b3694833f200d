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
		model.addAttribute("contacts", contacts.of(new TicketId(id)));
		return "channel/contacts :: card";
	}
}
