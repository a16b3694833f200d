package org.kefu.chat.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.chat.ChatMessage;
import org.kefu.chat.ChatView;
import org.kefu.chat.Chats;
import org.kefu.shared.Actor;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Chat for agents' own tools (a desktop app, a softphone bar): the same as the console. */
@RestController
@Tag(name = "Chat", description = "Waiting chats, taking them, answering, ending; being available")
@PreAuthorize("hasAuthority('ticket.reply')")
class ChatAgentApi {

	private final Chats chats;

	ChatAgentApi(Chats chats) {
		this.chats = chats;
	}

	@PostMapping("/api/v1/chat/presence")
	@Operation(summary = "Say the agent is available for chat", description = "Call at least every 30 seconds; "
			+ "an agent not heard from for 30 seconds is away.")
	ResponseEntity<Void> presence(Actor actor) {
		chats.checkIn(actor.userId());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/chat/waiting")
	@Operation(summary = "Chats waiting in the queue, first come first")
	List<ChatView> waiting() {
		return chats.waiting();
	}

	@PostMapping("/api/v1/chat/{id}/accept")
	@Operation(summary = "Take a waiting chat", description = "409 when another agent took it or the agent is at their limit.")
	ChatView accept(@PathVariable long id, Actor actor) {
		return chats.accept(id, actor);
	}

	@GetMapping("/api/v1/chat/{id}/messages")
	@Operation(summary = "A chat's messages after a message id")
	List<ChatMessage> messages(@PathVariable long id, @RequestParam(defaultValue = "0") long after) {
		chats.get(id);
		return chats.messages(id, after);
	}

	record Reply(String clientId, String text) {
	}

	@PostMapping("/api/v1/chat/{id}/messages")
	@Operation(summary = "Answer in the agent's chat", description = "`clientId` is the caller's own id for the "
			+ "message: sending it again returns the stored message instead of a second one.")
	ChatMessage reply(@PathVariable long id, @RequestBody Reply reply, Actor actor) {
		return chats.reply(id, actor, reply.clientId(), reply.text());
	}

	@PostMapping("/api/v1/chat/{id}/typing")
	@Operation(summary = "Tell the visitor the agent is typing (not stored)")
	ResponseEntity<Void> typing(@PathVariable long id, Actor actor) {
		chats.typing(id, actor);
		return ResponseEntity.noContent().build();
	}

	record Transfer(Long agent) {
	}

	@PostMapping("/api/v1/chat/{id}/transfer")
	@Operation(summary = "Hand the agent's chat to a colleague, or back to the queue",
			description = "`agent`: a colleague present for chat and below their limit (409 otherwise); "
					+ "null or missing: back to the queue.")
	ChatView transfer(@PathVariable long id, @RequestBody(required = false) Transfer transfer, Actor actor) {
		return chats.transfer(id, actor, transfer == null ? null : transfer.agent());
	}

	@PostMapping("/api/v1/chat/{id}/end")
	@Operation(summary = "End the agent's chat; its transcript goes onto the ticket")
	ResponseEntity<Void> end(@PathVariable long id, Actor actor) {
		chats.endByAgent(id, actor);
		return ResponseEntity.noContent().build();
	}
}
