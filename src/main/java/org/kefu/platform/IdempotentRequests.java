package org.kefu.platform;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a create call safe to retry: with an {@code Idempotency-Key}, the first call's response is
 * stored in the same transaction as what it created, and a retry with the same key gets that
 * response again instead of a second record. Two calls racing with one key are serialised by the
 * key's row; the same key with a different request is refused.
 */
@Component
public class IdempotentRequests {

	public static final String HEADER = "Idempotency-Key";
	private static final Duration KEPT_FOR = Duration.ofHours(24);

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final JsonMapper json;

	IdempotentRequests(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
	}

	/**
	 * Runs {@code create} once per key and caller.
	 *
	 * @param caller  whose key it is (keys of different callers never collide)
	 * @param key     the client's key, or {@code null} to run without protection
	 * @param request the parsed request, compared with the first call's
	 * @param create  the creation, which must join the surrounding transaction
	 */
	public ResponseEntity<?> once(String caller, String key, Object request, Supplier<ResponseEntity<?>> create) {
		if (key == null) {
			return create.get();
		}
		if (key.isBlank() || key.length() > 200) {
			throw new InvalidInputException("api.idempotency-key-invalid");
		}
		String fingerprint = fingerprint(request);
		return transactions.execute(status -> {
			int claimed = jdbc.sql("""
					insert into platform_idempotency_key (caller, key, fingerprint, created_at)
					values (:caller, :key, :fingerprint, :now) on conflict do nothing""")
				.param("caller", caller).param("key", key).param("fingerprint", fingerprint)
				.param("now", java.sql.Timestamp.from(Instant.now()))
				.update();
			if (claimed == 0) {
				return replay(caller, key, fingerprint);
			}
			ResponseEntity<?> response = create.get();
			URI location = response.getHeaders().getLocation();
			jdbc.sql("""
					update platform_idempotency_key set status = :status, location = :location, body = :body
					where caller = :caller and key = :key""")
				.param("status", response.getStatusCode().value())
				.param("location", location == null ? null : location.toString())
				.param("body", response.getBody() == null ? null : json.writeValueAsString(response.getBody()))
				.param("caller", caller).param("key", key)
				.update();
			return response;
		});
	}

	private ResponseEntity<?> replay(String caller, String key, String fingerprint) {
		Optional<Stored> stored = jdbc.sql("""
				select fingerprint, status, location, body from platform_idempotency_key
				where caller = :caller and key = :key""")
			.param("caller", caller).param("key", key)
			.query((rs, n) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4)))
			.optional();
		Stored first = stored.orElseThrow(() -> new ConflictException("api.idempotency-key-in-use"));
		if (!first.fingerprint().equals(fingerprint)) {
			throw new ConflictException("api.idempotency-key-reused");
		}
		if (first.status() == null) {
			throw new ConflictException("api.idempotency-key-in-use");
		}
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(first.status())
			.header("Idempotent-Replayed", "true");
		if (first.location() != null) {
			builder.header(HttpHeaders.LOCATION, first.location());
		}
		if (first.body() == null) {
			return builder.build();
		}
		return builder.contentType(MediaType.APPLICATION_JSON).body(first.body());
	}

	private String fingerprint(Object request) {
		try {
			byte[] bytes = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	@Scheduled(fixedDelay = 1, timeUnit = java.util.concurrent.TimeUnit.HOURS, initialDelay = 5)
	void forgetOldKeys() {
		jdbc.sql("delete from platform_idempotency_key where created_at < :before")
			.param("before", java.sql.Timestamp.from(Instant.now().minus(KEPT_FOR)))
			.update();
	}

	private record Stored(String fingerprint, Integer status, String location, String body) {
	}
}
