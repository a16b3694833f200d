package org.kefu.ticket.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.identity.CurrentUser;
import org.kefu.platform.Downloads;
import org.kefu.shared.Actor;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.AttachmentView;
import org.kefu.ticket.Attachments;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploading and downloading attachments. Downloads never let a browser run a file: only plain
 * images are shown inline, everything else is a download, sandboxed and not sniffed.
 */
@RestController
@Tag(name = "Attachments", description = "Files on ticket messages")
class AttachmentFiles {

	private final Attachments attachments;

	AttachmentFiles(Attachments attachments) {
		this.attachments = attachments;
	}

	@PostMapping(path = "/api/v1/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAnyAuthority('ticket.reply', 'ticket.create')")
	@Operation(summary = "Upload a file", description = "Returns an id to list in a message's or new ticket's `attachments`.")
	ResponseEntity<AttachmentView> upload(@RequestParam("file") MultipartFile file, Actor actor) {
		try {
			AttachmentView stored = attachments.store(file.getOriginalFilename(), file.getInputStream(), actor);
			return ResponseEntity.status(201).body(stored);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@GetMapping("/api/v1/attachments/{id}")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "Download a file")
	ResponseEntity<Resource> download(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
		return send(attachments, id, me);
	}

	static ResponseEntity<Resource> send(Attachments attachments, long id, CurrentUser me) {
		Attachments.StoredFile file = attachments.open(id);
		if (file.ticketId() == null && !Long.valueOf(me.id()).equals(attachments.uploaderOf(id))) {
			throw new NotFoundException("ticket.attachment.not-found", id);
		}
		AttachmentView view = file.attachment();
		return Downloads.of(file.path(), view.filename(), view.contentType(), view.size());
	}
}

/** The same download for pages, where a refusal shows a page instead of a problem detail. */
@org.springframework.stereotype.Controller
class AttachmentDownloads {

	private final Attachments attachments;

	AttachmentDownloads(Attachments attachments) {
		this.attachments = attachments;
	}

	@GetMapping("/attachments/{id}")
	@PreAuthorize("hasAuthority('ticket.view')")
	ResponseEntity<Resource> download(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
		return AttachmentFiles.send(attachments, id, me);
	}
}
