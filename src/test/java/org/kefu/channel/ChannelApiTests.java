package org.kefu.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.customer.NewIdentity;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The channel API as an IM adapter and a telephony system use it, over real HTTP: signed requests,
 * one history across IM and phone, replies back to the adapter, calls to contacts and callbacks.
 */
@KefuTest
@Tag("api")
class ChannelApiTests {

	private static final JsonMapper json = JsonMapper.builder().build();
	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Integrations integrations;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@Autowired
	Tickets tickets;

	HttpServer adapter;
	final List<Map.Entry<String, String>> replies = new CopyOnWriteArrayList<>();
	Integrations.Created wechat;
	Integrations.Created pbx;

	@BeforeEach
	void integrations() throws Exception {
		adapter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		adapter.createContext("/replies", exchange -> {
			replies.add(Map.entry(exchange.getRequestHeaders().getFirst("X-Kefu-Signature"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		adapter.start();
		String suffix = Fixtures.unique("x").replaceAll("[^a-z0-9]", "");
		wechat = integrations.create("im", "微信公众号", "wechat" + suffix,
				"http://127.0.0.1:" + adapter.getAddress().getPort() + "/replies", Actor.system());
		pbx = integrations.create("cti", "呼叫中心 PBX", "pbx" + suffix, null, Actor.system());
	}

	@AfterEach
	void stop() {
		adapter.stop(0);
	}

	private HttpResponse<String> send(String path, Integrations.Created as, Object body, long at) throws Exception {
		String text = json.writeValueAsString(body);
		String timestamp = String.valueOf(at);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json").header("X-Kefu-Integration", as.token())
			.header("X-Kefu-Timestamp", timestamp)
			.header("X-Kefu-Signature", "sha256=" + Integrations.sign(as.secret(), timestamp + "." + text))
			.POST(HttpRequest.BodyPublishers.ofString(text)).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String path, Integrations.Created as, Object body) throws Exception {
		return send(path, as, body, Instant.now().getEpochSecond());
	}

	private JsonNode read(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	@Test
	void anImCustomerWhoThenCallsKeepsOneTicketAndRepliesGoBackToTheAdapter() throws Exception {
		String openid = "o6_" + Fixtures.unique("user");
		HttpResponse<String> first = send("/api/v1/im/messages", wechat, Map.of("externalUserId", openid, "name", "林小姐",
				"text", "我的订单 DD20261201 还没发货\n能帮忙查一下吗", "messageId", "m1"));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		long ticket = read(first).get("ticket").asLong();
		assertThat(tickets.summary(new TicketId(ticket)).subject()).isEqualTo("我的订单 DD20261201 还没发货");

		HttpResponse<String> retry = send("/api/v1/im/messages", wechat, Map.of("externalUserId", openid,
				"text", "我的订单 DD20261201 还没发货", "messageId", "m1"));
		assertThat(read(retry).get("duplicate").asBoolean()).isTrue();
		HttpResponse<String> second = send("/api/v1/im/messages", wechat, Map.of("externalUserId", openid,
				"text", "另外想改一下收货地址", "messageId", "m2",
				"attachments", List.of(Map.of("filename", "address.txt", "base64", "5LiK5rW35biC"))));
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(read(second).get("ticket").asLong()).as("continues the open ticket").isEqualTo(ticket);
		assertThat(tickets.detail(new TicketId(ticket)).messages()).hasSize(2);

		tickets.reply(new TicketId(ticket), NewMessage.note("内部备注：仓库已催"), Actor.system());
		tickets.reply(new TicketId(ticket), NewMessage.reply("已为您催促仓库，今天发出。"), Actor.system());
		await().atMost(Duration.ofSeconds(30)).until(() -> !replies.isEmpty());
		Map.Entry<String, String> reply = replies.get(0);
		assertThat(replies).hasSize(1).as("internal notes never leave");
		assertThat(reply.getValue()).contains(openid).contains("已为您催促仓库").contains("\"ticket\":");
		assertThat(reply.getKey()).isEqualTo("sha256=" + Integrations.sign(wechat.secret(), reply.getValue()));

		// the same customer calls from a phone number they gave the agent: the call continues the ticket
		String phone = "1390000" + String.format("%04d", (int) (Math.random() * 10_000));
		var customer = customers.findByIdentity(IdentityType.IM, wechat.integration().source() + ":" + openid).orElseThrow();
		customers.addIdentity(customer.id(), new NewIdentity(IdentityType.PHONE, phone), Actor.system());
		Fixtures.Person agent = fixtures.person("agent");
		String call = "call-" + Fixtures.unique("c");
		send("/api/v1/cti/events", pbx, Map.of("callId", call, "event", "ringing", "from", phone, "to", "4008001234",
				"agent", agent.username()));
		HttpResponse<String> answered = send("/api/v1/cti/events", pbx, Map.of("callId", call, "event", "answered",
				"agent", agent.username()));
		assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
		assertThat(read(answered).get("ticket").asLong()).isEqualTo(ticket);
		Instant end = Instant.now().plusSeconds(95);
		send("/api/v1/cti/events", pbx, Map.of("callId", call, "event", "ended", "at", end.toString(), "recording",
				"rec/2026/12/04/" + call + ".wav"));

		Api api = Api.at(port).as(fixtures.tokenFor(agent));
		Api.Response contacts = api.get("/api/v1/tickets/" + ticket + "/contacts");
		assertThat(contacts.status()).isEqualTo(200);
		assertThat(contacts.json().valueStream().map(c -> c.get("channel").asString()).toList()).containsExactly("im", "phone");
		JsonNode phoneContact = contacts.json().get(1);
		assertThat(phoneContact.get("status").asString()).isEqualTo("ended");
		assertThat(phoneContact.get("durationSeconds").asLong()).isBetween(90L, 100L);
		assertThat(phoneContact.get("data").get("recording").asString()).contains(call);
		assertThat(tickets.detail(new TicketId(ticket)).messages()).anySatisfy(m -> assertThat(m.body()).contains("通话结束"));
		assertThat(org.kefu.support.WebSession.signIn(port, agent.username(), Fixtures.PASSWORD, "zh-CN")
			.get("/channels/tickets/" + ticket + "/contacts").body()).contains("已结束").contains("1:3").contains("电话五步法");
		long callContact = phoneContact.get("id").asLong();
		Api.Response script = api.put("/api/v1/tickets/" + ticket + "/contacts/" + callContact + "/script", Map.of(
				"greeting", "您好，我是王芳", "problem", "订单 DD20261201 未发货，要改地址", "solution", "已催仓库并改地址",
				"closing", "客户确认"));
		assertThat(script.status()).as(script.body()).isEqualTo(200);
		assertThat(script.json().get("data").get("script").get("problem").asString()).contains("DD20261201");
		assertThat(api.put("/api/v1/tickets/" + ticket + "/contacts/" + callContact + "/script",
				Map.of("chitchat", "x")).status()).isEqualTo(400);
		assertThat(api.put("/api/v1/tickets/" + ticket + "/contacts/" + contacts.json().get(0).get("id").asLong()
				+ "/script", Map.of("greeting", "x")).status()).as("an IM conversation has no phone script").isEqualTo(404);
	}

	@Test
	void anAbandonedCallBecomesACallbackTaskAndRepeatedEventsAreTakenOnce() throws Exception {
		String phone = "1380000" + String.format("%04d", (int) (Math.random() * 10_000));
		String call = "call-" + Fixtures.unique("a");
		send("/api/v1/cti/events", pbx, Map.of("callId", call, "event", "ringing", "from", phone));
		send("/api/v1/cti/events", pbx, Map.of("callId", call, "event", "ivr", "ivr", "2"));
		Instant at = Instant.now();
		HttpResponse<String> abandoned = send("/api/v1/cti/events", pbx, Map.of("callId", call, "event", "abandoned",
				"at", at.toString()));
		HttpResponse<String> again = send("/api/v1/cti/events", pbx, Map.of("callId", call, "event", "abandoned",
				"at", at.toString()));
		assertThat(read(abandoned).get("status").asString()).isEqualTo("abandoned");
		assertThat(read(abandoned).get("data").get("ivr").asString()).isEqualTo("2");
		long task = read(abandoned).get("ticket").asLong();
		assertThat(read(again).get("ticket").asLong()).isEqualTo(task);
		var summary = tickets.summary(new TicketId(task));
		assertThat(summary.tags()).contains("callback");
		assertThat(summary.subject()).isEqualTo("回拨 " + phone);
		assertThat(summary.priority().code()).isEqualTo("high");
	}

	@Test
	void unsignedStaleOrForeignRequestsAreRefusedAndNothingLands() throws Exception {
		Map<String, Object> message = Map.of("externalUserId", "intruder", "text", "hello");
		HttpResponse<String> stale = send("/api/v1/im/messages", wechat, message, Instant.now().minusSeconds(600)
			.getEpochSecond());
		assertThat(stale.statusCode()).isEqualTo(401);
		assertThat(read(stale).get("title").asString()).isEqualTo("Integration not recognised");
		assertThat(send("/api/v1/im/messages", pbx, message).statusCode()).as("a CTI token on the IM API").isEqualTo(401);
		HttpRequest forged = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/im/messages"))
			.header("Content-Type", "application/json").header("X-Kefu-Integration", wechat.token())
			.header("X-Kefu-Timestamp", String.valueOf(Instant.now().getEpochSecond()))
			.header("X-Kefu-Signature", "sha256=00").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
		assertThat(http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		assertThat(customers.findByIdentity(IdentityType.IM, wechat.integration().source() + ":intruder")).isEmpty();

		HttpResponse<String> nonsense = send("/api/v1/cti/events", pbx, Map.of("callId", "x", "event", "exploded"));
		assertThat(nonsense.statusCode()).isEqualTo(400);
		assertThat(read(nonsense).get("detail").asString()).contains("ringing, answered");
		integrations.setActive(pbx.integration().id(), false);
		assertThat(send("/api/v1/cti/events", pbx, Map.of("callId", "y", "event", "ringing", "from", "13800000000"))
			.statusCode()).as("a paused integration").isEqualTo(401);
	}
}
