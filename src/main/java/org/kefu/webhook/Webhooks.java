package org.kefu.webhook;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.kefu.platform.Secrets;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscriptions, and publishing an event to them: a delivery is written in the
 * publisher's transaction (so an event is sent exactly when what it tells of is committed) and
 * sent by {@link WebhookDeliveries}, with retries.
 */
@Service
@Transactional(readOnly = true)
public class Webhooks {

	/** The events a webhook can subscribe to. */
	public static final Set<String> EVENTS = Set.of("account.changed", "onboarding.launched");

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;
	private final Secrets secrets;
	private final JsonMapper json;
	private final Clock clock;

	Webhooks(JdbcClient jdbc, Secrets secrets, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.json = json;
		this.clock = clock;
	}

	/** A subscription as its page shows it: never its secret. */
	public record Subscription(long id, String url, List<String> events, boolean active, Instant createdAt,
			long pending, long failed) {
	}

	/** A new subscription and its signing secret, shown this once. */
	public record Created(long id, String secret) {
	}

	@Transactional
	public Created subscribe(String url, Set<String> events, Instant at) {
		URI uri = address(url);
		if (events == null || events.isEmpty() || !events.stream().allMatch(Webhooks::known)) {
			throw new InvalidInputException("api.invalid-value", "events", events, String.join(", ", EVENTS));
		}
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		return subscribe(uri, events, at, "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	/**
	 * Subscribes an integration's own address to its events ({@code im.outbound.<source>}), signed
	 * with the integration's secret, so that an adapter verifies one secret both ways.
	 */
	@Transactional
	public Created subscribeIntegration(String url, String event, String secret) {
		URI uri = address(url);
		return subscribe(uri, Set.of(event), null, secret);
	}

	private static URI address(String url) {
		URI uri;
		try {
			uri = URI.create(url == null ? "" : url.strip());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("webhook.url-invalid", url);
		}
		if (uri.getHost() == null || !Set.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
			throw new InvalidInputException("webhook.url-invalid", url);
		}
		return uri;
	}

	private static boolean known(String event) {
		return EVENTS.contains(event) || event.matches("im\\.outbound\\.[a-z][a-z0-9_]{0,39}");
	}

	private Created subscribe(URI uri, Set<String> events, Instant at, String secret) {
		long id = jdbc.sql("insert into webhook (url, events, secret, created_at) values (?, ?, ?, ?) returning id")
			.params(uri.toString(), events.toArray(String[]::new), secrets.encrypt(secret),
					Timestamp.from(at == null ? clock.instant() : at))
			.query(Long.class).single();
		return new Created(id, secret);
	}

	@Transactional
	public void setActive(long id, boolean active) {
		if (jdbc.sql("update webhook set active = ? where id = ?").params(active, id).update() == 0) {
			throw new NotFoundException("webhook.not-found", id);
		}
	}

	public List<Subscription> all() {
		return jdbc.sql("""
				select w.id, w.url, w.events, w.active, w.created_at,
				  (select count(*) from webhook_delivery d where d.webhook_id = w.id and d.status = 'pending'),
				  (select count(*) from webhook_delivery d where d.webhook_id = w.id and d.status = 'failed')
				from webhook w order by w.id""")
			.query((rs, n) -> new Subscription(rs.getLong(1), rs.getString(2),
					List.of((String[]) rs.getArray(3).getArray()), rs.getBoolean(4), rs.getTimestamp(5).toInstant(),
					rs.getLong(6), rs.getLong(7)))
			.list();
	}

	/** Queues an event for every active webhook subscribed to it, in the caller's transaction. */
	@Transactional
	public int publish(String event, Object payload) {
		String body = json.writeValueAsString(new Envelope(event, clock.instant(), payload));
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc.sql("""
				insert into webhook_delivery (webhook_id, event, payload, created_at, next_attempt)
				select id, ?, ?, ?, ? from webhook where active and ? = any(events)""")
			.params(event, body, now, now, event).update();
	}

	/**
	 * Queues an event for one subscription, whatever it subscribed to (an automation rule calling
	 * a webhook chosen by its administrator), in the caller's transaction; false if it is gone or
	 * switched off.
	 */
	@Transactional
	public boolean deliverTo(long webhook, String event, Object payload) {
		String body = json.writeValueAsString(new Envelope(event, clock.instant(), payload));
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc.sql("""
				insert into webhook_delivery (webhook_id, event, payload, created_at, next_attempt)
				select id, ?, ?, ?, ? from webhook where active and id = ?""")
			.params(event, body, now, now, webhook).update() == 1;
	}

	/** Whether an active subscription has this id. */
	public boolean active(long webhook) {
		return jdbc.sql("select count(*) from webhook where active and id = ?").param(webhook).query(Long.class)
			.single() == 1;
	}

	/** What a subscriber receives. */
	public record Envelope(String event, Instant at, Object data) {
	}
}
