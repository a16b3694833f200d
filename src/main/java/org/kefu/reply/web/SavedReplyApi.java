package org.kefu.reply.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.reply.SavedReplies;
import org.kefu.reply.SavedReplies.Filled;
import org.kefu.reply.SavedReplies.SavedReply;
import org.kefu.reply.SavedReplies.SavedReplyForm;
import org.kefu.shared.Actor;
import org.kefu.ticket.TicketId;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Saved replies for agents' tools: the shared ones and the caller's own, and one filled in for a ticket. */
@RestController
@Tag(name = "Saved replies", description = "Canned replies with variables, shared or an agent's own")
@PreAuthorize("hasAuthority('ticket.reply')")
class SavedReplyApi {

	private final SavedReplies replies;

	SavedReplyApi(SavedReplies replies) {
		this.replies = replies;
	}

	@GetMapping("/api/v1/saved-replies")
	@Operation(summary = "The shared saved replies and the caller's own", description = "`q` matches title, "
			+ "shortcut or text; an exact shortcut comes first.")
	List<SavedReply> list(@RequestParam(required = false) String q, Actor actor) {
		return replies.available(actor.userId(), q);
	}

	@GetMapping("/api/v1/saved-replies/{id}")
	@Operation(summary = "One saved reply")
	SavedReply get(@PathVariable long id, Actor actor) {
		return replies.get(id, actor.userId());
	}

	@PostMapping("/api/v1/saved-replies")
	@Operation(summary = "Save a reply", description = "`shared: true` needs `reply.manage` (403 otherwise); "
			+ "a shortcut is unique among the shared replies and among each agent's own (409).")
	ResponseEntity<SavedReply> create(@RequestBody SavedReplyForm form, Actor actor,
			@AuthenticationPrincipal CurrentUser me) {
		return ResponseEntity.status(201).body(replies.create(form, actor, me.can(Permission.REPLY_MANAGE)));
	}

	@PutMapping("/api/v1/saved-replies/{id}")
	@Operation(summary = "Change a saved reply", description = "One's own, or a shared one with `reply.manage`.")
	SavedReply update(@PathVariable long id, @RequestBody SavedReplyForm form, Actor actor,
			@AuthenticationPrincipal CurrentUser me) {
		return replies.update(id, form, actor, me.can(Permission.REPLY_MANAGE));
	}

	@DeleteMapping("/api/v1/saved-replies/{id}")
	@Operation(summary = "Delete a saved reply")
	ResponseEntity<Void> delete(@PathVariable long id, Actor actor, @AuthenticationPrincipal CurrentUser me) {
		replies.delete(id, actor, me.can(Permission.REPLY_MANAGE));
		return ResponseEntity.noContent().build();
	}

	record FillRequest(Long ticket) {
	}

	@PostMapping("/api/v1/saved-replies/{id}/fill")
	@Operation(summary = "The reply's text filled in for a ticket", description = "Variables: {{customer.name}}, "
			+ "{{agent.name}}, {{ticket.number}}, {{ticket.subject}}, {{today}}, {{field.KEY}}. `missing` names "
			+ "the variables that had no value (left out of the text).")
	Filled fill(@PathVariable long id, @RequestBody(required = false) FillRequest request, Actor actor) {
		return replies.fill(id, request == null || request.ticket() == null ? null : new TicketId(request.ticket()), actor);
	}
}
