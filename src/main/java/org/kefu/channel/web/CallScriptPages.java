package org.kefu.channel.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.channel.CallScripts;
import org.kefu.channel.ChannelContacts;
import org.kefu.channel.ContactView;
import org.kefu.shared.Actor;
import org.kefu.ticket.TicketId;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The five-step phone script, from the ticket page (htmx) and the API. */
@Controller
@Tag(name = "Channels")
class CallScriptPages {

	private final CallScripts scripts;
	private final ChannelContacts contacts;

	CallScriptPages(CallScripts scripts, ChannelContacts contacts) {
		this.scripts = scripts;
		this.contacts = contacts;
	}

	@PostMapping("/channels/tickets/{id}/calls/{call}/script")
	@PreAuthorize("hasAuthority('ticket.reply')")
	String save(@PathVariable long id, @PathVariable long call, @RequestParam Map<String, String> form, Actor actor,
			Model model) {
		Map<String, String> steps = new java.util.LinkedHashMap<>();
		CallScripts.STEPS.forEach(step -> steps.put(step, form.get(step)));
		scripts.record(new TicketId(id), call, steps, actor);
		model.addAttribute("saved", true);
		return ContactCards.fill(model, contacts, id);
	}

	@PutMapping("/api/v1/tickets/{id}/contacts/{call}/script")
	@PreAuthorize("hasAuthority('ticket.reply')")
	@ResponseBody
	@Operation(summary = "Record the five-step phone script of a call", description = """
			Steps: greeting, problem, judgement, solution, closing (each text, any may be left out);
			saving again replaces them.""")
	ContactView record(@PathVariable long id, @PathVariable long call, @RequestBody Map<String, String> steps,
			Actor actor) {
		return scripts.record(new TicketId(id), call, steps, actor);
	}
}
