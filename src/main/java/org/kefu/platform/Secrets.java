package org.kefu.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets Kefu must use again later (webhook signing keys, mailbox passwords) so that
 * they are never stored in clear: AES-256-GCM with the installation's key, from
 * {@code KEFU_SECRET_KEY} (base64, 32 bytes) or, failing that, a key file created once under
 * {@code $KEFU_DATA_DIR} readable by its owner only. Lose the key and the secrets must be entered again.
 */
@Component
public class Secrets {

	private static final String PREFIX = "v1:";
	private static final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	Secrets(KefuProperties properties, @Value("${kefu.secret-key:${KEFU_SECRET_KEY:}}") String configured) {
		this.key = new SecretKeySpec(configured == null || configured.isBlank()
				? keyFile(properties.dataDir().resolve("secret.key")) : Base64.getDecoder().decode(configured.strip()),
				"AES");
		if (key.getEncoded().length != 32) {
			throw new StartupRefused("KEFU_SECRET_KEY is not a 32-byte key.",
					"Set it to 32 random bytes in base64, e.g. the output of: openssl rand -base64 32");
		}
	}

	public String encrypt(String clear) {
		try {
			byte[] iv = new byte[12];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return PREFIX + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public String decrypt(String stored) {
		if (!stored.startsWith(PREFIX)) {
			throw new IllegalArgumentException("Not an encrypted secret");
		}
		try {
			byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
			return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("A stored secret cannot be decrypted: was the installation key changed?", e);
		}
	}

	private static byte[] keyFile(Path file) {
		try {
			if (Files.exists(file)) {
				return Base64.getDecoder().decode(Files.readString(file).strip());
			}
			Files.createDirectories(file.getParent());
			byte[] key = new byte[32];
			random.nextBytes(key);
			Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException e) {
				// not a POSIX file system: the directory's own protection has to do
			}
			return key;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
