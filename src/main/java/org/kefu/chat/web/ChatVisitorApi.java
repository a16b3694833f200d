package org.kefu.chat.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;

import org.kefu.chat.ChatMessage;
import org.kefu.chat.ChatQueue;
import org.kefu.chat.Chats;
import org.kefu.chat.VisitorLimits;
import org.kefu.platform.Downloads;
import org.kefu.ticket.Attachments;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * What the chat frame calls: whether anyone is there, opening a chat, sending (each message with
 * the frame's own id: sending it again is answered with the stored message, never a second one),
 * catching up after a reconnect, sending and reading files, ending, and the offline form. A chat is
 * opened by its key, sent in {@code X-Chat-Key} (never in a link: files are fetched with it too).
 */
@RestController
class ChatVisitorApi {

	static final String KEY = "X-Chat-Key";

	private final Chats chats;
	private final ChatQueue queue;
	private final VisitorLimits limits;

	ChatVisitorApi(Chats chats, ChatQueue queue, VisitorLimits limits) {
		this.chats = chats;
		this.queue = queue;
		this.limits = limits;
	}

	@GetMapping("/chat/visitor/availability")
	ChatQueue.Availability availability() {
		return queue.availability();
	}

	@PostMapping("/chat/visitor/chats")
	ResponseEntity<Chats.Started> start(@RequestBody Chats.Opening opening, HttpServletRequest request) {
		limits.count(request.getRemoteAddr());
		return ResponseEntity.status(201).body(chats.start(opening));
	}

	@PostMapping("/chat/visitor/offline")
	ResponseEntity<Map<String, Long>> offline(@RequestBody Chats.Opening opening, HttpServletRequest request) {
		limits.count(request.getRemoteAddr());
		return ResponseEntity.status(201).body(Map.of("ticket", chats.leaveMessage(opening)));
	}

	record Say(String clientId, String text) {
	}

	@PostMapping("/chat/visitor/chats/{id}/messages")
	ChatMessage say(@PathVariable UUID id, @RequestHeader(name = KEY, required = false) String key,
			@RequestBody Say say) {
		return chats.say(id, key, say.clientId(), say.text());
	}

	@GetMapping("/chat/visitor/chats/{id}/messages")
	Map<String, Object> messages(@PathVariable UUID id, @RequestHeader(name = KEY, required = false) String key,
			@RequestParam(defaultValue = "0") long after) {
		long session = chats.visitorSession(id, key);
		var chat = chats.get(session);
		List<ChatMessage> messages = chats.messages(session, after);
		return Map.of("status", chat.status(), "position", chat.position(), "expectedWaitSeconds",
				chat.status().equals("waiting") ? queue.expectedWait(chat.position()) : 0, "messages", messages);
	}

	@PostMapping(path = "/chat/visitor/chats/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ChatMessage sendFile(@PathVariable UUID id, @RequestHeader(name = KEY, required = false) String key,
			@RequestParam String clientId, @RequestParam("file") MultipartFile file, HttpServletRequest request) {
		limits.count(request.getRemoteAddr());
		try {
			return chats.sendFile(id, key, clientId, file.getOriginalFilename(), file.getInputStream());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@GetMapping("/chat/visitor/chats/{id}/files/{file}")
	ResponseEntity<Resource> file(@PathVariable UUID id, @PathVariable long file,
			@RequestHeader(name = KEY, required = false) String key) {
		Attachments.StoredFile stored = chats.visitorFile(id, key, file);
		return Downloads.of(stored.path(), stored.attachment().filename(), stored.attachment().contentType(),
				stored.attachment().size());
	}

	@PostMapping("/chat/visitor/chats/{id}/typing")
	ResponseEntity<Void> typing(@PathVariable UUID id, @RequestHeader(name = KEY, required = false) String key) {
		chats.typing(id, key);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/chat/visitor/chats/{id}/end")
	ResponseEntity<Void> end(@PathVariable UUID id, @RequestHeader(name = KEY, required = false) String key) {
		chats.endByVisitor(id, key);
		return ResponseEntity.noContent().build();
	}
}
