package org.kefu.platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Sending a kept file so that a browser never runs it: only plain images are shown inline;
 * everything else is a download, sandboxed and not sniffed.
 */
public final class Downloads {

	private Downloads() {
	}

	public static ResponseEntity<Resource> of(Path file, String filename, String contentType, long size) {
		boolean inline = FileStore.previewable(contentType);
		ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
			.filename(filename, StandardCharsets.UTF_8)
			.build();
		return ResponseEntity.ok()
			.contentType(inline ? MediaType.parseMediaType(contentType) : MediaType.APPLICATION_OCTET_STREAM)
			.contentLength(size)
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "sandbox; default-src 'none'")
			.header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
			.body(new FileSystemResource(file));
	}
}
