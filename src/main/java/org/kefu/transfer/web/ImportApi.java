package org.kefu.transfer.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.identity.CurrentUser;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.transfer.ImportJob;
import org.kefu.transfer.Imports;

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

/** Imports over the API: upload for a preview, read the problems, confirm, follow the progress. */
@RestController
@Tag(name = "Imports", description = "Customers and accounts from CSV (UTF-8 or GBK) and Excel (.xlsx)")
class ImportApi {

	private final Imports imports;

	ImportApi(Imports imports) {
		this.imports = imports;
	}

	record Preview(ImportJob job, List<ImportJob.Line> first, List<ImportJob.Line> problems) {
	}

	@PostMapping(path = "/api/v1/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAnyAuthority('customer.edit', 'account.edit')")
	@Operation(summary = "Read a file for import (nothing is imported until it is confirmed)", description = """
			kind: customers (name, phone, email, note, tags) or accounts (name, kind, short_name, industry, note,
			contact_name, contact_role, contact_phone, contact_email, manager); headings in English or Chinese.
			Returns the first rows as read and every refused row with its reason.""")
	ResponseEntity<Preview> upload(@RequestParam String kind, @RequestParam("file") MultipartFile file,
			@AuthenticationPrincipal CurrentUser me, Actor actor) throws IOException {
		if (file.isEmpty()) {
			throw new InvalidInputException("import.empty");
		}
		long id = imports.read(ImportPages.kind(kind, me), file.getOriginalFilename(), file.getBytes(), actor);
		return ResponseEntity.created(URI.create("/api/v1/imports/" + id)).body(preview(id, actor));
	}

	@GetMapping("/api/v1/imports/{id}")
	@PreAuthorize("hasAnyAuthority('customer.edit', 'account.edit')")
	@Operation(summary = "An import of one's own: status, counts and progress, with the first rows and the problems")
	Preview get(@PathVariable long id, Actor actor) {
		return preview(id, actor);
	}

	@PostMapping("/api/v1/imports/{id}/confirm")
	@PreAuthorize("hasAnyAuthority('customer.edit', 'account.edit')")
	@Operation(summary = "Import the rows that were not refused, in the background")
	ImportJob confirm(@PathVariable long id, Actor actor) {
		imports.confirm(id, actor);
		return imports.get(id, actor);
	}

	@PostMapping("/api/v1/imports/{id}/cancel")
	@PreAuthorize("hasAnyAuthority('customer.edit', 'account.edit')")
	@Operation(summary = "Stop an import; rows already imported stay")
	ImportJob cancel(@PathVariable long id, Actor actor) {
		imports.cancel(id, actor);
		return imports.get(id, actor);
	}

	private Preview preview(long id, Actor actor) {
		return new Preview(imports.get(id, actor), imports.lines(id, false, 20, actor), imports.lines(id, true, 200, actor));
	}
}
