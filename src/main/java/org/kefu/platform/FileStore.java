package org.kefu.platform;

import java.io.BufferedInputStream;
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
import java.util.HexFormat;
import java.util.Set;

import org.apache.tika.Tika;
import org.kefu.shared.InvalidInputException;

import org.springframework.stereotype.Component;

/**
 * Files people upload (ticket attachments, contract documents), kept on disk by content hash
 * under {@code $KEFU_DATA_DIR/attachments}. A file's type is read from its content, not trusted
 * from its name or the uploader; programs are refused; nothing larger than the limit is kept.
 */
@Component
public class FileStore {

	private static final Set<String> REFUSED_TYPES = Set.of("application/x-msdownload", "application/x-dosexec",
			"application/x-executable", "application/x-sh", "application/x-bat", "application/x-msdos-program",
			"application/x-ms-installer", "application/java-archive", "application/x-elf", "application/x-mach-o",
			"application/vnd.microsoft.portable-executable", "text/x-sh", "application/x-shellscript");

	private final Path root;
	private final long maxSize;
	private final Tika tika = new Tika();

	FileStore(KefuProperties properties) {
		this.root = properties.attachments().dir() != null ? properties.attachments().dir()
				: properties.dataDir().resolve("attachments");
		this.maxSize = properties.attachments().maxSize().toBytes();
	}

	/** A kept file: its cleaned name, detected type, size and content hash. */
	public record Stored(String filename, String contentType, long size, String sha256) {
	}

	public Stored store(String filename, InputStream content) {
		String name = safeName(filename);
		try {
			Files.createDirectories(root.resolve("incoming"));
			Path temp = Files.createTempFile(root.resolve("incoming"), "upload", ".part");
			try {
				MessageDigest sha = MessageDigest.getInstance("SHA-256");
				long size;
				try (InputStream in = new DigestInputStream(content, sha); OutputStream out = Files.newOutputStream(temp)) {
					size = copyAtMost(in, out);
				}
				if (size == 0) {
					throw new InvalidInputException("ticket.attachment.empty", name);
				}
				String type;
				try (InputStream in = new BufferedInputStream(Files.newInputStream(temp))) {
					type = tika.detect(in, name);
				}
				type = type == null ? "application/octet-stream" : type;
				if (REFUSED_TYPES.contains(type) || name.matches("(?i).*\\.(exe|msi|bat|cmd|com|scr|vbs|ps1|jar|sh)$")) {
					throw new InvalidInputException("ticket.attachment.type-refused", name, type);
				}
				String hash = HexFormat.of().formatHex(sha.digest());
				Path target = path(hash);
				if (!Files.exists(target)) {
					Files.createDirectories(target.getParent());
					Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
				}
				return new Stored(name, type, size, hash);
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

	public Path path(String sha256) {
		return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
	}

	public long maxSize() {
		return maxSize;
	}

	/** Images a browser can show safely inline, as a preview. */
	public static boolean previewable(String contentType) {
		return switch (contentType) {
			case "image/png", "image/jpeg", "image/gif", "image/webp" -> true;
			default -> false;
		};
	}

	private long copyAtMost(InputStream in, OutputStream out) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		int n;
		while ((n = in.read(buffer)) > 0) {
			total += n;
			if (total > maxSize) {
				throw new InvalidInputException("ticket.attachment.too-large", maxSize / (1024 * 1024));
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
