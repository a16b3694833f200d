package org.kefu.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: issued to a user, shown to them once, kept only as a hash, revocable.
 * A call made with a token acts as its user with that user's current permissions.
 */
@Service
@Transactional(readOnly = true)
public class ApiTokens {

	static final String PREFIX = "kefu_";
	private static final SecureRandom random = new SecureRandom();
	private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final Cache<String, Optional<Holder>> recent = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(30)).maximumSize(10_000).build();

	ApiTokens(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** A token as its owner sees it in their list: never the token itself. */
	public record TokenView(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt,
			Instant expiresAt, Instant revokedAt) {

		public boolean active(Instant now) {
			return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
		}
	}

	/** A token just issued: the only moment the token is known outside its owner's hands. */
	public record IssuedToken(long id, String token, Instant expiresAt) {
	}

	private record Holder(long tokenId, long userId, Instant expiresAt, Instant lastUsedAt) {
	}

	@Transactional
	public IssuedToken issue(UserId owner, String name, Duration validFor, Actor by) {
		String label = name == null || name.isBlank() ? "API" : name.trim();
		if (label.length() > 100) {
			throw new InvalidInputException("identity.token.name-too-long", 100);
		}
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = clock.instant();
		Instant expires = validFor == null ? null : now.plus(validFor);
		long id = jdbc.sql("""
				insert into identity_api_token (user_id, name, token_hash, prefix, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?) returning id""")
			.params(owner.value(), label, hash(token), token.substring(0, PREFIX.length() + 6),
					java.sql.Timestamp.from(now), expires == null ? null : java.sql.Timestamp.from(expires))
			.query(Long.class).single();
		events.publishEvent(new ApiTokenChanged(owner, id, label, "issued", by));
		return new IssuedToken(id, token, expires);
	}

	public List<TokenView> of(UserId owner) {
		return jdbc.sql("""
				select id, name, prefix, created_at, last_used_at, expires_at, revoked_at from identity_api_token
				where user_id = ? order by created_at desc""")
			.param(owner.value())
			.query((rs, n) -> new TokenView(rs.getLong(1), rs.getString(2), rs.getString(3),
					instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
					instant(rs.getTimestamp(7))))
			.list();
	}

	/** Revokes one of the owner's tokens; another user's token is as unknown as a missing one. */
	@Transactional
	public void revoke(UserId owner, long tokenId, Actor by) {
		String name = jdbc.sql("""
				update identity_api_token set revoked_at = coalesce(revoked_at, ?) where id = ? and user_id = ?
				returning name""")
			.params(java.sql.Timestamp.from(clock.instant()), tokenId, owner.value())
			.query(String.class).optional()
			.orElseThrow(() -> new NotFoundException("identity.token.not-found", tokenId));
		recent.invalidateAll();
		events.publishEvent(new ApiTokenChanged(owner, tokenId, name, "revoked", by));
	}

	/**
	 * The user a presented token belongs to, if the token is known, unexpired and not revoked.
	 * Checked on every API call: known tokens come from a short cache, without a transaction.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<UserId> authenticate(String token) {
		if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		String hash = hash(token);
		Optional<Holder> holder = recent.get(hash, h -> jdbc.sql("""
				select id, user_id, expires_at, last_used_at from identity_api_token
				where token_hash = ? and revoked_at is null""")
			.param(h)
			.query((rs, n) -> new Holder(rs.getLong(1), rs.getLong(2), instant(rs.getTimestamp(3)),
					instant(rs.getTimestamp(4))))
			.optional());
		Instant now = clock.instant();
		if (holder.isEmpty() || (holder.get().expiresAt() != null && !holder.get().expiresAt().isAfter(now))) {
			return Optional.empty();
		}
		Holder h = holder.get();
		if (h.lastUsedAt() == null || h.lastUsedAt().plus(LAST_USE_PRECISION).isBefore(now)) {
			jdbc.sql("update identity_api_token set last_used_at = ? where id = ?")
				.params(java.sql.Timestamp.from(now), h.tokenId()).update();
			recent.put(hash, Optional.of(new Holder(h.tokenId(), h.userId(), h.expiresAt(), now)));
		}
		return Optional.of(new UserId(h.userId()));
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Instant instant(java.sql.Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}
}
