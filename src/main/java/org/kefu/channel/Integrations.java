package org.kefu.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.kefu.platform.Secrets;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.webhook.Webhooks;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integrations and how they prove who they are: a token (stored as its SHA-256 only) names the
 * integration, and an HMAC-SHA256 of {@code <timestamp>.<body>} with the integration's secret
 * (stored encrypted) proves the request came from it, unaltered, within five minutes.
 */
@Service
@Transactional(readOnly = true)
public class Integrations {

	static final String PREFIX = "kfi_";
	static final Duration TOLERANCE = Duration.ofMinutes(5);
	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;
	private final Secrets secrets;
	private final Webhooks webhooks;
	private final Clock clock;

	Integrations(JdbcClient jdbc, Secrets secrets, Webhooks webhooks, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.webhooks = webhooks;
		this.clock = clock;
	}

	/** A new integration with its token and secret, shown this once. */
	public record Created(Integration integration, String token, String secret) {
	}

	/**
	 * Registers an integration. An IM integration names the address its adapter receives outbound
	 * replies at ({@code im.outbound.<source>} webhook events, signed with the same secret).
	 */
	@Transactional
	public Created create(String kind, String name, String source, String outboundUrl, Actor by) {
		String k = kind == null ? "" : kind.strip().toLowerCase();
		if (!k.equals("cti") && !k.equals("im")) {
			throw new InvalidInputException("api.invalid-value", "kind", kind, "cti, im");
		}
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("validation.required", "name");
		}
		String s = source == null ? "" : source.strip().toLowerCase();
		if (!s.matches("[a-z][a-z0-9_]{0,39}")) {
			throw new InvalidInputException("channel.source-invalid", source);
		}
		if (jdbc.sql("select count(*) from channel_integration where kind = ? and source = ?").params(k, s)
			.query(Integer.class).single() > 0) {
			throw new ConflictException("channel.source-taken", s);
		}
		String token = PREFIX + random(24);
		String secret = "kfs_" + random(32);
		Long webhook = null;
		if (k.equals("im")) {
			if (outboundUrl == null || outboundUrl.isBlank()) {
				throw new InvalidInputException("validation.required", "outboundUrl");
			}
			webhook = webhooks.subscribeIntegration(outboundUrl, "im.outbound." + s, secret).id();
		}
		long id = jdbc.sql("""
				insert into channel_integration (kind, name, source, token_hash, token_prefix, secret, outbound_url,
				                                 webhook_id, created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(k, name.strip(), s, sha256(token), token.substring(0, 10), secrets.encrypt(secret),
					webhook == null ? null : outboundUrl.strip(), webhook, Timestamp.from(clock.instant()), by.userId())
			.query(Long.class).single();
		return new Created(get(id), token, secret);
	}

	@Transactional
	public void setActive(long id, boolean active) {
		Integration integration = get(id);
		jdbc.sql("update channel_integration set active = ? where id = ?").params(active, id).update();
		jdbc.sql("select webhook_id from channel_integration where id = ?").param(integration.id()).query(Long.class)
			.optional().ifPresent(webhook -> webhooks.setActive(webhook, active));
	}

	public List<Integration> all() {
		return jdbc.sql(SELECT + " order by kind, source").query(this::map).list();
	}

	public Integration get(long id) {
		return jdbc.sql(SELECT + " where id = ?").param(id).query(this::map).optional()
			.orElseThrow(() -> new NotFoundException("channel.integration-not-found", id));
	}

	/**
	 * The active integration of this kind that sent the request, if the token names it and the
	 * signature over {@code timestamp + "." + body} is its own and fresh; empty otherwise.
	 */
	public Optional<Integration> authenticate(String kind, String token, String timestamp, String signature,
			String body) {
		if (token == null || signature == null || timestamp == null || !signature.startsWith("sha256=")) {
			return Optional.empty();
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.strip());
		}
		catch (NumberFormatException e) {
			return Optional.empty();
		}
		Instant sent = Instant.ofEpochSecond(seconds);
		if (Duration.between(sent, clock.instant()).abs().compareTo(TOLERANCE) > 0) {
			return Optional.empty();
		}
		record Row(long id, String secret) {
		}
		Optional<Row> row = jdbc.sql("""
				select id, secret from channel_integration where token_hash = ? and kind = ? and active""")
			.params(sha256(token.strip()), kind)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).optional();
		if (row.isEmpty()) {
			return Optional.empty();
		}
		byte[] expected = ("sha256=" + sign(secrets.decrypt(row.get().secret()), timestamp.strip() + "." + body))
			.getBytes(StandardCharsets.UTF_8);
		if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8))) {
			return Optional.empty();
		}
		return Optional.of(get(row.get().id()));
	}

	/** Hex HMAC-SHA256 of the text with the secret, as integrations compute it. */
	public static String sign(String secret, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static final String SELECT = """
			select id, kind, name, source, token_prefix, outbound_url, active, created_at from channel_integration""";

	private Integration map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Integration(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getBoolean(7), rs.getTimestamp(8).toInstant());
	}

	private static String random(int bytes) {
		byte[] b = new byte[bytes];
		random.nextBytes(b);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
