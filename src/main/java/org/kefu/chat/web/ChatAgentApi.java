package org.kefu.chat.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.chat.ChatMessage;
import org.kefu.chat.ChatQueue;
import org.kefu.chat.ChatView;
import org.kefu.chat.Chats;
import org.kefu.platform.Downloads;
import org.kefu.shared.Actor;
import org.kefu.ticket.Attachments;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Chat for agents' own tools (a desktop app, a softphone bar): the same as the console. */
@RestController
@Tag(name = "Chat", description = "Waiting chats, taking them, answering, ending; being available")
@PreAuthorize("hasAuthority('ticket.reply')")
class ChatAgentApi {

	private final Chats chats;
	private final ChatQueue queue;

	ChatAgentApi(Chats chats, ChatQueue queue) {
		this.chats = chats;
		this.queue = queue;
	}

	@PostMapping("/api/v1/chat/presence")
	@Operation(summary = "Say the agent is available for chat", description = "Call at least every 30 seconds; "
			+ "an agent not heard from for 30 seconds is away.")
	ResponseEntity<Void> presence(Actor actor) {
		queue.checkIn(actor.userId());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/chat/waiting")
	@Operation(summary = "Chats waiting in the queue that this agent may take, first come first",
			description = "Leaves out chats the agent declined and chats handed to a team the agent is not in.")
	List<ChatView> waiting(Actor actor) {
		return queue.waitingFor(actor.userId());
	}

	@PostMapping("/api/v1/chat/{id}/accept")
	@Operation(summary = "Take a waiting chat", description = "409 when another agent took it or the agent is at their limit.")
	ChatView accept(@PathVariable long id, Actor actor) {
		return queue.accept(id, actor);
	}

	@PostMapping("/api/v1/chat/{id}/decline")
	@Operation(summary = "Decline a waiting chat", description = "It leaves this agent's list and waits for the others.")
	ResponseEntity<Void> decline(@PathVariable long id, Actor actor) {
		queue.decline(id, actor);
		return ResponseEntity.noContent().build();
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

	@PostMapping(path = "/api/v1/chat/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Send a file in the agent's chat", description = "`clientId` as for messages.")
	ChatMessage sendFile(@PathVariable long id, @RequestParam String clientId, @RequestParam("file") MultipartFile file,
			Actor actor) {
		try {
			return chats.replyFile(id, actor, clientId, file.getOriginalFilename(), file.getInputStream());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@GetMapping("/api/v1/chat/{id}/files/{file}")
	@Operation(summary = "Download a file sent in a chat")
	ResponseEntity<Resource> file(@PathVariable long id, @PathVariable long file) {
		Attachments.StoredFile stored = chats.agentFile(id, file);
		return Downloads.of(stored.path(), stored.attachment().filename(), stored.attachment().contentType(),
				stored.attachment().size());
	}

	@PostMapping("/api/v1/chat/{id}/typing")
	@Operation(summary = "Tell the visitor the agent is typing (not stored)")
	ResponseEntity<Void> typing(@PathVariable long id, Actor actor) {
		chats.typing(id, actor);
		return ResponseEntity.noContent().build();
	}

	record Transfer(Long agent, Long team) {
	}

	@PostMapping("/api/v1/chat/{id}/transfer")
	@Operation(summary = "Hand the agent's chat to a colleague, a team, or back to the queue",
			description = "`agent`: a colleague present for chat and below their limit (409 otherwise); "
					+ "`team`: the chat waits for that team's members (409 when none of them is present); "
					+ "neither: back to the queue for everyone.")
	ChatView transfer(@PathVariable long id, @RequestBody(required = false) Transfer transfer, Actor actor) {
		if (transfer != null && transfer.team() != null) {
			return queue.transferToTeam(id, actor, transfer.team());
		}
		return queue.transfer(id, actor, transfer == null ? null : transfer.agent());
	}

	@PostMapping("/api/v1/chat/{id}/end")
	@Operation(summary = "End the agent's chat; its transcript goes onto the ticket")
	ResponseEntity<Void> end(@PathVariable long id, Actor actor) {
		chats.endByAgent(id, actor);
		return ResponseEntity.noContent().build();
	}
}
