package org.kefu.chat.web;

import org.kefu.chat.ChatView;
import org.kefu.chat.Chats;
import org.kefu.identity.CurrentUser;
import org.kefu.shared.Actor;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The agents' chat console: the queue of waiting chats (live), the agent's own chats up to their
 * limit, and the conversation of the chat they look at. Being on this page is being available for
 * chat.
 */
@Controller
@PreAuthorize("hasAuthority('ticket.reply')")
class ChatConsolePages {

	private final Chats chats;

	ChatConsolePages(Chats chats) {
		this.chats = chats;
	}

	@GetMapping("/chat/console")
	String console(@RequestParam(required = false) Long chat, @AuthenticationPrincipal CurrentUser me, Model model) {
		chats.checkIn(me.id());
		model.addAttribute("selected", chat);
		return "chat/console";
	}

	/** The queue and the agent's chats; the console asks for it when something changes, and now and then. */
	@GetMapping("/chat/console/lists")
	String lists(@RequestParam(required = false) Long chat, @AuthenticationPrincipal CurrentUser me, Model model) {
		chats.checkIn(me.id());
		model.addAttribute("waiting", chats.waiting());
		model.addAttribute("mine", chats.activeOfAgent(me.id()));
		model.addAttribute("max", chats.maxPerAgent());
		model.addAttribute("selected", chat);
		return "chat/console-parts :: lists";
	}

	@GetMapping("/chat/console/chats/{id}")
	String conversation(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		ChatView chat = chats.get(id);
		model.addAttribute("chat", chat);
		model.addAttribute("messages", chats.messages(id, 0));
		boolean mine = chat.status().equals("active") && Long.valueOf(me.id()).equals(chat.agent());
		model.addAttribute("mineToAnswer", mine);
		model.addAttribute("colleagues", mine ? chats.colleagues(me.id()) : java.util.List.of());
		return "chat/console-parts :: conversation";
	}

	@PostMapping("/chat/console/chats/{id}/accept")
	String accept(@PathVariable long id, Actor actor, @AuthenticationPrincipal CurrentUser me, Model model) {
		chats.accept(id, actor);
		return conversation(id, me, model);
	}

	@PostMapping("/chat/console/chats/{id}/messages")
	@ResponseBody
	ResponseEntity<org.kefu.chat.ChatMessage> reply(@PathVariable long id, @RequestParam String clientId,
			@RequestParam String text, Actor actor) {
		return ResponseEntity.ok(chats.reply(id, actor, clientId, text));
	}

	@PostMapping("/chat/console/chats/{id}/typing")
	@ResponseBody
	ResponseEntity<Void> typing(@PathVariable long id, Actor actor) {
		chats.typing(id, actor);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/chat/console/chats/{id}/transfer")
	String transfer(@PathVariable long id, @RequestParam(required = false) Long agent, Actor actor,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		chats.transfer(id, actor, agent);
		return conversation(id, me, model);
	}

	@PostMapping("/chat/console/chats/{id}/end")
	String end(@PathVariable long id, Actor actor, @AuthenticationPrincipal CurrentUser me, Model model) {
		chats.endByAgent(id, actor);
		return conversation(id, me, model);
	}
}
