package org.kefu.mail.web;

import org.kefu.mail.MailMessages;
import org.kefu.mail.MailOutbox;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The mail card on a ticket's page: every mail in and out, what failed and why, with the HTML of a
 * mail shown apart in a sandboxed frame whose policy blocks remote images until the agent asks.
 */
@Controller
@PreAuthorize("hasAuthority('ticket.view')")
class MailCards {

	private final MailOutbox outbox;
	private final MailMessages messages;
	private final Tickets tickets;

	MailCards(MailOutbox outbox, MailMessages messages, Tickets tickets) {
		this.outbox = outbox;
		this.messages = messages;
		this.tickets = tickets;
	}

	@GetMapping("/mail/tickets/{id}")
	String card(@PathVariable long id, Model model) {
		tickets.summary(new TicketId(id));
		model.addAttribute("mails", outbox.ofTicket(id));
		model.addAttribute("ticketId", id);
		return "mail/card :: card";
	}

	@PostMapping("/mail/outbox/{id}/retry")
	@PreAuthorize("hasAuthority('ticket.reply')")
	String retry(@PathVariable long id, Model model) {
		Long ticket = outbox.ticketOf(id);
		outbox.retry(id);
		return card(ticket, model);
	}

	/** The sanitised HTML of an inbound mail, for a sandboxed frame. */
	@GetMapping(path = "/mail/messages/{id}/html", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	ResponseEntity<String> html(@PathVariable long id, @RequestParam(defaultValue = "false") boolean remote) {
		String html = messages.html(id);
		String images = remote ? "'self' data: https: http:" : "'self' data:";
		return ResponseEntity.ok()
			.header("Content-Security-Policy", "default-src 'none'; img-src " + images
					+ "; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
			.header("X-Frame-Options", "SAMEORIGIN")
			.header("Referrer-Policy", "no-referrer")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
			.body("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><base target=\"_blank\"></head>"
					+ "<body style=\"font-family:sans-serif;font-size:14px;margin:8px\">" + html + "</body></html>");
	}
}
