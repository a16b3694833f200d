package org.kefu.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.KefuProcess;

/**
 * Kefu killed with SIGKILL while a visitor is sending chat messages, then started again: the
 * visitor's client does what the widget does — keeps each message until Kefu acknowledges it and
 * sends it again with the same id — and every message is stored exactly once, in order.
 */
@Tag("server")
class ChatCrashTests {

	private static final int MESSAGES = 150;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void killedWhileAVisitorSendsEveryMessageIsStoredOnceAfterARestart() throws Exception {
		try (KefuProcess kefu = new KefuProcess()) {
			kefu.start();
			String token = kefu.adminToken();
			post(kefu.url() + "/api/v1/chat/presence", token, null, null);
			HttpResponse<String> opened = post(kefu.url() + "/chat/visitor/chats", null, null, """
					{"visitorId":"crash-visitor-0001","name":"赵磊","text":"在吗？","clientId":"first"}""");
			assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
			String chat = field(opened.body(), "session");
			String key = field(opened.body(), "key");

			AtomicInteger acknowledged = new AtomicInteger();
			AtomicInteger retries = new AtomicInteger();
			CompletableFuture<Void> visitor = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < MESSAGES; i++) {
					String body = "{\"clientId\":\"m-" + i + "\",\"text\":\"第 " + i + " 条\"}";
					// the widget's outbox: the same message with the same id, every 100 ms, until acknowledged
					await().atMost(Duration.ofSeconds(180)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
						try {
							if (post(kefu.url() + "/chat/visitor/chats/" + chat + "/messages", null, key, body)
								.statusCode() == 200) {
								acknowledged.incrementAndGet();
								return true;
							}
						}
						catch (Exception e) {
							// Kefu is down: try again
						}
						retries.incrementAndGet();
						return false;
					});
				}
			});
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> acknowledged.get() >= 30);
			kefu.kill();
			long storedAtTheCrash = kefu.count("select count(*) from chat_message where author = 'visitor'") - 1;
			assertThat(storedAtTheCrash).as("killed in the middle of the conversation").isLessThan(MESSAGES);
			kefu.start();
			visitor.get(180, TimeUnit.SECONDS);

			assertThat(retries.get()).as("the visitor had to send again").isPositive();
			assertThat(kefu.count("select count(*) from chat_message where author = 'visitor'")).isEqualTo(MESSAGES + 1);
			assertThat(kefu.count("select count(distinct client_id) from chat_message where author = 'visitor'"))
				.isEqualTo(MESSAGES + 1);
			assertThat(kefu.count("""
					select count(*) from (select client_id, lag(client_id) over (order by id) as previous
					  from chat_message where author = 'visitor' and client_id like 'm-%') ordered
					where previous is not null
					  and substring(client_id from 3)::int <> substring(previous from 3)::int + 1"""))
				.as("in the order they were sent").isZero();
		}
	}

	private HttpResponse<String> post(String url, String token, String key, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json")
			.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (key != null) {
			request.header("X-Chat-Key", key);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		assertThat(m.find()).as(json).isTrue();
		return m.group(1);
	}
}
