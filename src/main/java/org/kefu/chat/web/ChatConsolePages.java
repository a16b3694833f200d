package org.kefu.chat.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.kefu.chat.ChatMessage;
import org.kefu.chat.ChatQueue;
import org.kefu.chat.ChatView;
import org.kefu.chat.Chats;
import org.kefu.identity.CurrentUser;
import org.kefu.platform.Downloads;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.ticket.Attachments;

import org.springframework.core.io.Resource;
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
import org.springframework.web.multipart.MultipartFile;

/**
 * The agents' chat console: the queue of waiting chats (live), the agent's own chats up to their
 * limit, and the conversation of the chat they look at, with files and saved replies. Being on this
 * page is being available for chat.
 */
@Controller
@PreAuthorize("hasAuthority('ticket.reply')")
class ChatConsolePages {

	private final Chats chats;
	private final ChatQueue queue;

	ChatConsolePages(Chats chats, ChatQueue queue) {
		this.chats = chats;
		this.queue = queue;
	}

	@GetMapping("/chat/console")
	String console(@RequestParam(required = false) Long chat, @AuthenticationPrincipal CurrentUser me, Model model) {
		queue.checkIn(me.id());
		model.addAttribute("selected", chat);
		return "chat/console";
	}

	/** The queue and the agent's chats; the console asks for it when something changes, and now and then. */
	@GetMapping("/chat/console/lists")
	String lists(@RequestParam(required = false) Long chat, @AuthenticationPrincipal CurrentUser me, Model model) {
		queue.checkIn(me.id());
		model.addAttribute("waiting", queue.waitingFor(me.id()));
		model.addAttribute("mine", queue.activeOfAgent(me.id()));
		model.addAttribute("max", queue.maxPerAgent());
		model.addAttribute("teamNames", queue.teams().stream()
			.collect(java.util.stream.Collectors.toMap(t -> t.id().value(), t -> t.name())));
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
		model.addAttribute("colleagues", mine ? queue.colleagues(me.id()) : java.util.List.of());
		model.addAttribute("teams", mine ? queue.teams() : java.util.List.of());
		return "chat/console-parts :: conversation";
	}

	@PostMapping("/chat/console/chats/{id}/accept")
	String accept(@PathVariable long id, Actor actor, @AuthenticationPrincipal CurrentUser me, Model model) {
		queue.accept(id, actor);
		return conversation(id, me, model);
	}

	@PostMapping("/chat/console/chats/{id}/decline")
	String decline(@PathVariable long id, Actor actor, @AuthenticationPrincipal CurrentUser me, Model model) {
		queue.decline(id, actor);
		return lists(null, me, model);
	}

	@PostMapping("/chat/console/chats/{id}/messages")
	@ResponseBody
	ResponseEntity<org.kefu.chat.ChatMessage> reply(@PathVariable long id, @RequestParam String clientId,
			@RequestParam String text, Actor actor) {
		return ResponseEntity.ok(chats.reply(id, actor, clientId, text));
	}

	@PostMapping("/chat/console/chats/{id}/files")
	@ResponseBody
	ResponseEntity<ChatMessage> sendFile(@PathVariable long id, @RequestParam String clientId,
			@RequestParam("file") MultipartFile file, Actor actor) {
		try {
			return ResponseEntity.ok(chats.replyFile(id, actor, clientId, file.getOriginalFilename(), file.getInputStream()));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@GetMapping("/chat/console/chats/{id}/files/{file}")
	ResponseEntity<Resource> file(@PathVariable long id, @PathVariable long file) {
		Attachments.StoredFile stored = chats.agentFile(id, file);
		return Downloads.of(stored.path(), stored.attachment().filename(), stored.attachment().contentType(),
				stored.attachment().size());
	}

	@PostMapping("/chat/console/chats/{id}/typing")
	@ResponseBody
	ResponseEntity<Void> typing(@PathVariable long id, Actor actor) {
		chats.typing(id, actor);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/chat/console/chats/{id}/transfer")
	String transfer(@PathVariable long id, @RequestParam(defaultValue = "queue") String to, Actor actor,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		if (to.startsWith("team:")) {
			queue.transferToTeam(id, actor, number(to.substring(5)));
		}
		else if (to.startsWith("agent:")) {
			queue.transfer(id, actor, number(to.substring(6)));
		}
		else {
			queue.transfer(id, actor, null);
		}
		return conversation(id, me, model);
	}

	@PostMapping("/chat/console/chats/{id}/end")
	String end(@PathVariable long id, Actor actor, @AuthenticationPrincipal CurrentUser me, Model model) {
		chats.endByAgent(id, actor);
		return conversation(id, me, model);
	}

	private static long number(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("chat.transfer-invalid");
		}
	}
}
