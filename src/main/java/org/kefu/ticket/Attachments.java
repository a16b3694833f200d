package org.kefu.ticket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.apache.tika.Tika;
import org.kefu.platform.KefuProperties;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files customers and agents attach to messages. A file's type is read from its content, not
 * trusted from its name or the uploader; programs are refused; files are kept on disk by content
 * hash under {@code $KEFU_DATA_DIR/attachments}.
 */
@Service
@Transactional(readOnly = true)
public class Attachments {

	private static final Set<String> REFUSED_TYPES = Set.of("application/x-msdownload", "application/x-dosexec",
			"application/x-executable", "application/x-sh", "application/x-bat", "application/x-msdos-program",
			"application/x-ms-installer", "application/java-archive", "application/x-elf", "application/x-mach-o",
			"application/vnd.microsoft.portable-executable", "text/x-sh", "application/x-shellscript");

	private final AttachmentRepository attachments;
	private final Path root;
	private final long maxSize;
	private final Tika tika = new Tika();
	private final Clock clock;

	Attachments(AttachmentRepository attachments, KefuProperties properties, Clock clock) {
		this.attachments = attachments;
		this.root = properties.attachments().dir() != null ? properties.attachments().dir()
				: properties.dataDir().resolve("attachments");
		this.maxSize = properties.attachments().maxSize().toBytes();
		this.clock = clock;
	}

	/** A stored file and where to read it. */
	public record StoredFile(AttachmentView attachment, Long ticketId, Path path) {
	}

	/** Keeps an uploaded file, not yet attached to any message. */
	@Transactional
	public AttachmentView store(String filename, InputStream content, Actor by) {
		String name = safeName(filename);
		try {
			Files.createDirectories(root.resolve("incoming"));
			Path temp = Files.createTempFile(root.resolve("incoming"), "upload", ".part");
			try {
				MessageDigest sha = MessageDigest.getInstance("SHA-256");
				long size;
				try (InputStream in = new DigestInputStream(content, sha); OutputStream out = Files.newOutputStream(temp)) {
					size = copyAtMost(in, out, maxSize);
				}
				if (size == 0) {
					throw new InvalidInputException("ticket.attachment.empty", name);
				}
				String type;
				try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(temp))) {
					type = tika.detect(in, name);
				}
				type = type == null ? "application/octet-stream" : type;
				if (REFUSED_TYPES.contains(type) || name.matches("(?i).*\\.(exe|msi|bat|cmd|com|scr|vbs|ps1|jar|sh)$")) {
					throw new InvalidInputException("ticket.attachment.type-refused", name, type);
				}
				String hash = HexFormat.of().formatHex(sha.digest());
				Path target = pathOf(hash);
				if (!Files.exists(target)) {
					Files.createDirectories(target.getParent());
					Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
				}
				Attachment attachment = attachments
					.save(new Attachment(name, type, size, hash, by.userId(), clock.instant()));
				return attachment.view();
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A file for download, with the ticket it belongs to (none while it waits to be sent). */
	public StoredFile open(long id) {
		Attachment attachment = attachments.findById(id)
			.orElseThrow(() -> new NotFoundException("ticket.attachment.not-found", id));
		return new StoredFile(attachment.view(), attachment.ticketId(), pathOf(attachment.sha256()));
	}

	/** Who uploaded a file that is not yet attached: only they may attach it or see it. */
	public Long uploaderOf(long id) {
		return attachments.findById(id).map(Attachment::uploadedBy).orElse(null);
	}

	long maxSize() {
		return maxSize;
	}

	private Path pathOf(String hash) {
		return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
	}

	private long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		int n;
		while ((n = in.read(buffer)) > 0) {
			total += n;
			if (total > limit) {
				throw new InvalidInputException("ticket.attachment.too-large", limit / (1024 * 1024));
			}
			out.write(buffer, 0, n);
		}
		return total;
	}

	private static String safeName(String filename) {
		String name = filename == null ? "" : filename.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").trim();
		if (name.isEmpty()) {
			name = "attachment";
		}
		return name.length() > 200 ? name.substring(name.length() - 200) : name;
	}
}

interface AttachmentRepository extends JpaRepository<Attachment, Long> {
}
