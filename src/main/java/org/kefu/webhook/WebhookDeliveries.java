package org.kefu.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.kefu.platform.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due webhook deliveries: a JSON post signed with the subscription's secret
 * ({@code X-Kefu-Signature: sha256=<hex HMAC of the body>}); a 2xx answer delivers it, anything
 * else tries again later, waiting longer each time, and gives up after ten attempts. Deliveries
 * are claimed with SKIP LOCKED, so several nodes never send one twice at once.
 */
@Component
class WebhookDeliveries {

	private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
	static final int MAX_ATTEMPTS = 10;

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final Secrets secrets;
	private final Clock clock;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER).build();

	WebhookDeliveries(JdbcClient jdbc, TransactionTemplate transactions, Secrets secrets, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.secrets = secrets;
		this.clock = clock;
	}

	private record Due(long id, String event, String payload, int attempts, String url, String secret) {
	}

	@Scheduled(fixedDelay = 2000, initialDelay = 2000)
	void sendDue() {
		for (int round = 0; round < 10; round++) {
			Integer sent = transactions.execute(status -> {
				List<Due> due = jdbc.sql("""
						select d.id, d.event, d.payload, d.attempts, w.url, w.secret from webhook_delivery d
						join webhook w on w.id = d.webhook_id
						where d.status = 'pending' and d.next_attempt <= ? order by d.next_attempt limit 20
						for update of d skip locked""")
					.param(Timestamp.from(clock.instant()))
					.query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
							rs.getString(5), rs.getString(6)))
					.list();
				due.forEach(this::send);
				return due.size();
			});
			if (sent == null || sent < 20) {
				return;
			}
		}
	}

	private void send(Due d) {
		Instant now = clock.instant();
		Integer status = null;
		String error = null;
		try {
			HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(d.url()))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("User-Agent", "Kefu-Webhook")
				.header("X-Kefu-Event", d.event())
				.header("X-Kefu-Delivery", String.valueOf(d.id()))
				.header("X-Kefu-Signature", "sha256=" + sign(secrets.decrypt(d.secret()), d.payload()))
				.POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.discarding());
			status = response.statusCode();
			if (status / 100 == 2) {
				jdbc.sql("""
						update webhook_delivery set status = 'delivered', attempts = attempts + 1, last_status = ?,
						  last_error = null, delivered_at = ? where id = ?""")
					.params(status, Timestamp.from(now), d.id()).update();
				return;
			}
			error = "HTTP " + status;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		catch (Exception e) {
			error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
		}
		int attempts = d.attempts() + 1;
		boolean givingUp = attempts >= MAX_ATTEMPTS;
		long wait = Math.min(3600, 10L << Math.min(attempts, 9));
		jdbc.sql("""
				update webhook_delivery set status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt = ?
				where id = ?""")
			.params(givingUp ? "failed" : "pending", attempts, status,
					error.length() > 500 ? error.substring(0, 500) : error, Timestamp.from(now.plusSeconds(wait)), d.id())
			.update();
		if (givingUp) {
			log.warn("Webhook delivery {} to {} failed {} times; last: {}", d.id(), d.url(), attempts, error);
		}
	}

	static String sign(String secret, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
