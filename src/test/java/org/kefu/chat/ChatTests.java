package org.kefu.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.ServiceStage;
import org.kefu.shared.ConflictException;
import org.kefu.shared.NotFoundException;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.Visibility;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chat as the widget and the console use it: offline when nobody is there, one message per client
 * id however often it is sent, exactly one agent per chat under a race, the limit per agent, declining,
 * handing over to a colleague, a team or the queue, files both ways, and the transcript with its files
 * on the ticket at the end.
 */
@KefuTest
@Tag("api")
class ChatTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Chats chats;

	@Autowired
	ChatQueue queue;

	@Autowired
	Teams teams;

	@Autowired
	ChatPresence presence;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Tickets tickets;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void clear() {
		presence.present().forEach(presence::leave);
		jdbc.sql("update chat_session set status = 'ended' where status <> 'ended'").update();
	}

	private static Chats.Opening opening(String text) {
		String visitor = "v" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		return new Chats.Opening(visitor, "李雷", null, "zh-CN", "https://shop.example/p/1", text, "first");
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json").header("Accept-Language", "zh-CN")
			.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void withNobodyThereTheVisitorIsToldAndTheirMessageBecomesATicket() throws Exception {
		HttpResponse<String> refused = post("/chat/visitor/chats", """
				{"visitorId":"visitor-offline-1","text":"有人吗？","clientId":"c1"}""");
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("暂无客服");
		HttpResponse<String> left = post("/chat/visitor/offline", """
				{"visitorId":"visitor-offline-1","name":"韩梅梅","email":"%s","text":"想咨询退货流程"}"""
			.formatted(Fixtures.unique("hmm") + "@example.com"));
		assertThat(left.statusCode()).isEqualTo(201);
		long number = Long.parseLong(left.body().replaceAll("\\D", ""));
		var ticket = tickets.summary(tickets.byNumber(number).orElseThrow());
		assertThat(ticket.tags()).contains("offline-chat");
		assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/chat/try")).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).as("the sample shop page is for demo data only")
			.isEqualTo(404);
		assertThat(tickets.detail(ticket.id()).messages().get(0).body()).isEqualTo("想咨询退货流程");
	}

	@Test
	void aMessageSentAgainIsStoredOnceAndAStrangerCannotReadTheChat() {
		var agent = fixtures.person("agent");
		queue.checkIn(agent.id().value());
		Chats.Started started = chats.start(opening("洗衣机不脱水"));
		assertThat(started.position()).isGreaterThanOrEqualTo(1);
		ChatMessage once = chats.say(started.session(), started.key(), "m-1", "型号 XQG100");
		ChatMessage again = chats.say(started.session(), started.key(), "m-1", "型号 XQG100");
		assertThat(again.id()).isEqualTo(once.id());
		long session = chats.visitorSession(started.session(), started.key());
		assertThat(chats.messages(session, 0)).extracting(ChatMessage::body).containsExactly("洗衣机不脱水", "型号 XQG100");
		assertThatThrownBy(() -> chats.say(started.session(), "not-the-key", "m-2", "hi"))
			.isInstanceOf(NotFoundException.class);
	}

	@Test
	void twoAgentsTakingTheSameChatAtOnceOneGetsItAndNobodyExceedsTheirLimit() throws Exception {
		var first = fixtures.person("agent");
		var second = fixtures.person("agent");
		queue.checkIn(first.id().value());
		queue.checkIn(second.id().value());
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 3; round++) {
				Chats.Started started = chats.start(opening("race " + round));
				long session = chats.visitorSession(started.session(), started.key());
				CountDownLatch go = new CountDownLatch(1);
				List<Future<Boolean>> attempts = new ArrayList<>();
				for (var agent : List.of(first, second)) {
					Callable<Boolean> take = () -> {
						go.await();
						try {
							queue.accept(session, agent.actor());
							return true;
						}
						catch (ConflictException e) {
							return false;
						}
					};
					attempts.add(pool.submit(take));
				}
				go.countDown();
				int winners = 0;
				for (Future<Boolean> attempt : attempts) {
					winners += attempt.get() ? 1 : 0;
				}
				assertThat(winners).as("round " + round).isEqualTo(1);
				assertThat(chats.get(session).agent()).isIn(first.id().value(), second.id().value());
			}
		}
		finally {
			pool.shutdown();
		}
		var busy = fixtures.person("agent");
		queue.checkIn(busy.id().value());
		for (int i = 0; i < queue.maxPerAgent(); i++) {
			Chats.Started started = chats.start(opening("chat " + i));
			queue.accept(chats.visitorSession(started.session(), started.key()), busy.actor());
		}
		Chats.Started oneMore = chats.start(opening("one more"));
		assertThatThrownBy(() -> queue.accept(chats.visitorSession(oneMore.session(), oneMore.key()), busy.actor()))
			.isInstanceOf(ConflictException.class).hasMessageContaining("chat.full");
	}

	@Test
	void anAgentHandsAChatToAColleagueOrBackToTheQueue() {
		var first = fixtures.person("agent");
		var second = fixtures.person("agent");
		queue.checkIn(first.id().value());
		Chats.Started started = chats.start(opening("发票抬头要改"));
		long session = chats.visitorSession(started.session(), started.key());
		queue.accept(session, first.actor());
		assertThatThrownBy(() -> queue.transfer(session, first.actor(), second.id().value()))
			.as("a colleague who is not on the console").isInstanceOf(ConflictException.class);
		queue.checkIn(second.id().value());
		assertThat(queue.colleagues(first.id().value())).extracting(c -> c.get("id")).contains(second.id().value());
		assertThat(queue.transfer(session, first.actor(), second.id().value()).agent()).isEqualTo(second.id().value());
		assertThatThrownBy(() -> chats.reply(session, first.actor(), "a-1", "还在吗"))
			.as("the first agent no longer answers it").isInstanceOf(ConflictException.class);
		ChatView queued = queue.transfer(session, second.actor(), null);
		assertThat(queued.status()).isEqualTo("waiting");
		assertThat(queued.agent()).isNull();
		assertThat(queue.waiting()).extracting(ChatView::id).contains(session);
	}

	@Test
	void theWholeConversationIsOnTheTicketWhenTheChatEnds() {
		var agent = fixtures.person("agent");
		queue.checkIn(agent.id().value());
		Chats.Started started = chats.start(opening("冰箱不制冷"));
		long session = chats.visitorSession(started.session(), started.key());
		queue.accept(session, agent.actor());
		chats.reply(session, agent.actor(), "a-1", "请问购买多久了？");
		chats.say(started.session(), started.key(), "m-1", "半年");
		chats.endByVisitor(started.session(), started.key());
		assertThat(chats.get(session).status()).isEqualTo("ended");
		var detail = tickets.detail(new TicketId(chats.get(session).ticket()));
		var transcript = detail.messages().get(detail.messages().size() - 1);
		assertThat(transcript.visibility()).isEqualTo(Visibility.INTERNAL);
		assertThat(transcript.body()).contains("冰箱不制冷", "请问购买多久了？", "半年");
		assertThatThrownBy(() -> chats.say(started.session(), started.key(), "m-2", "还在吗"))
			.isInstanceOf(ConflictException.class);
	}

	@Test
	void aDeclinedChatWaitsForTheOthersAndAChatHandedToATeamOnlyForItsMembers() {
		var first = fixtures.person("agent");
		var member = fixtures.person("agent");
		var outsider = fixtures.person("agent");
		queue.checkIn(first.id().value());
		Chats.Started started = chats.start(opening("快递丢件"));
		long session = chats.visitorSession(started.session(), started.key());
		queue.decline(session, first.actor());
		assertThat(queue.waitingFor(first.id().value())).extracting(ChatView::id).doesNotContain(session);
		assertThat(queue.waitingFor(member.id().value())).extracting(ChatView::id).contains(session);

		queue.accept(session, first.actor());
		TeamId claims = teams.create(Fixtures.unique("理赔组"), ServiceStage.values()[0], null, null, first.actor());
		teams.setMembers(claims, java.util.Set.of(member.id().value()), java.util.Set.of(), first.actor());
		assertThatThrownBy(() -> queue.transferToTeam(session, first.actor(), claims.value()))
			.as("nobody of the team is on the console").isInstanceOf(ConflictException.class)
			.hasMessageContaining("chat.team-away");
		queue.checkIn(member.id().value());
		queue.checkIn(outsider.id().value());
		ChatView handed = queue.transferToTeam(session, first.actor(), claims.value());
		assertThat(handed.status()).isEqualTo("waiting");
		assertThat(handed.team()).isEqualTo(claims.value());
		assertThat(queue.waitingFor(outsider.id().value())).extracting(ChatView::id).doesNotContain(session);
		assertThat(queue.waitingFor(member.id().value())).extracting(ChatView::id).contains(session);
		assertThatThrownBy(() -> queue.accept(session, outsider.actor())).isInstanceOf(ConflictException.class)
			.hasMessageContaining("chat.other-team");
		assertThat(queue.accept(session, member.actor()).agent()).isEqualTo(member.id().value());
		assertThat(chats.messages(session, 0)).extracting(ChatMessage::body).contains("team:" + teams.find(claims)
			.orElseThrow().name());
	}

	@Test
	void filesGoBothWaysOnceEachAndEndOnTheTicketWithTheTranscript() throws Exception {
		var agent = fixtures.person("agent");
		queue.checkIn(agent.id().value());
		Chats.Started started = chats.start(opening("收到的货破了"));
		long session = chats.visitorSession(started.session(), started.key());
		queue.accept(session, agent.actor());
		byte[] png = java.util.Base64.getDecoder().decode(
				"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
		HttpResponse<String> sent = upload(started, "f-1", "破损.png", png);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		assertThat(sent.body()).contains("\"filename\":\"破损.png\"", "image/png");
		HttpResponse<String> again = upload(started, "f-1", "破损.png", png);
		assertThat(again.body()).as("the same file sent again after a drop").isEqualTo(sent.body());
		ChatMessage fromVisitor = chats.messages(session, 0).stream().filter(m -> m.file() != null).findFirst()
			.orElseThrow();
		HttpResponse<byte[]> read = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/chat/visitor/chats/" + started.session() + "/files/" + fromVisitor.file().id()))
			.header("X-Chat-Key", started.key()).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(read.body()).isEqualTo(png);
		HttpResponse<byte[]> stranger = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/chat/visitor/chats/" + started.session() + "/files/" + fromVisitor.file().id()))
			.header("X-Chat-Key", "not-the-key").build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(stranger.statusCode()).isEqualTo(404);

		ChatMessage manual = chats.replyFile(session, agent.actor(), "a-f1", "说明书.txt",
				new java.io.ByteArrayInputStream("先断电再重启".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(manual.file().filename()).isEqualTo("说明书.txt");
		assertThat(chats.agentFile(session, manual.file().id()).attachment().size()).isPositive();
		Chats.Started other = chats.start(opening("别的对话"));
		long otherSession = chats.visitorSession(other.session(), other.key());
		assertThatThrownBy(() -> chats.agentFile(otherSession, manual.file().id()))
			.as("a file is read only through its own chat").isInstanceOf(NotFoundException.class);

		queue.checkIn(agent.id().value());
		chats.endByAgent(session, agent.actor());
		var detail = tickets.detail(new TicketId(chats.get(session).ticket()));
		var transcript = detail.messages().get(detail.messages().size() - 1);
		assertThat(transcript.body()).contains("[破损.png]", "[说明书.txt]");
		assertThat(transcript.attachments()).extracting(a -> a.filename()).containsExactlyInAnyOrder("破损.png", "说明书.txt");
	}

	private HttpResponse<String> upload(Chats.Started chat, String clientId, String filename, byte[] content)
			throws Exception {
		String boundary = "kefu" + UUID.randomUUID().toString().replace("-", "");
		var body = new java.io.ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"clientId\"\r\n\r\n" + clientId
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/chat/visitor/chats/"
				+ chat.session() + "/files"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary).header("X-Chat-Key", chat.key())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void anAgentsToolAnswersOverItsLiveConnectionOnceForEachClientId() throws Exception {
		var agent = fixtures.person("agent");
		queue.checkIn(agent.id().value());
		Chats.Started started = chats.start(opening("空调遥控器失灵"));
		long session = chats.visitorSession(started.session(), started.key());
		queue.accept(session, agent.actor());
		Chats.Started other = chats.start(opening("别人的对话"));
		long notMine = chats.visitorSession(other.session(), other.key());

		java.util.concurrent.LinkedBlockingQueue<String> frames = new java.util.concurrent.LinkedBlockingQueue<>();
		java.net.http.WebSocket socket = http.newWebSocketBuilder().subprotocols("v12.stomp")
			.header("Authorization", "Bearer " + fixtures.tokenFor(agent))
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/live"), new java.net.http.WebSocket.Listener() {
				final StringBuilder buffer = new StringBuilder();

				@Override
				public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data,
						boolean last) {
					buffer.append(data);
					int end;
					while ((end = buffer.indexOf("\u0000")) >= 0) {
						frames.add(buffer.substring(0, end));
						buffer.delete(0, end + 1);
					}
					ws.request(1);
					return null;
				}
			}).get(10, java.util.concurrent.TimeUnit.SECONDS);
		socket.sendText("CONNECT\naccept-version:1.2\nhost:127.0.0.1\n\n\u0000", true).join();
		assertThat(frames.poll(10, java.util.concurrent.TimeUnit.SECONDS)).contains("CONNECTED");
		socket.sendText("SUBSCRIBE\nid:0\ndestination:/user/queue/live\n\n\u0000", true).join();
		List<String> received = new ArrayList<>();
		// sent again until acknowledged, as a tool does (the subscription may not be in place at once)
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
			.pollInterval(java.time.Duration.ofMillis(200)).until(() -> {
				socket.sendText("SEND\ndestination:/app/chat/" + session + "/messages\ncontent-type:application/json\n\n"
						+ "{\"clientId\":\"ws-1\",\"text\":\"请换一下电池试试\"}\u0000", true).join();
				frames.drainTo(received);
				return received.stream().anyMatch(f -> f.contains("\"clientId\":\"ws-1\""));
			});
		socket.sendText("SEND\ndestination:/app/chat/" + session + "/messages\ncontent-type:application/json\n\n"
				+ "{\"clientId\":\"ws-1\",\"text\":\"请换一下电池试试\"}\u0000", true).join();
		socket.sendText("SEND\ndestination:/app/chat/" + notMine + "/messages\ncontent-type:application/json\n\n"
				+ "{\"clientId\":\"ws-2\",\"text\":\"不是我的\"}\u0000", true).join();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
			frames.drainTo(received);
			return received.stream().anyMatch(f -> f.contains("chat.refused"));
		});
		assertThat(received).anyMatch(f -> f.contains("chat.refused") && f.contains("ws-2") && f.contains("chat.not-yours"));
		assertThat(chats.messages(session, 0)).filteredOn(m -> m.clientId().equals("ws-1")).as("sent again, stored once")
			.singleElement().extracting(ChatMessage::body).isEqualTo("请换一下电池试试");
		assertThat(chats.messages(notMine, 0)).noneMatch(m -> m.body().equals("不是我的"));
		socket.abort();

		assertThatThrownBy(() -> http.newWebSocketBuilder().subprotocols("v12.stomp")
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/live"), new java.net.http.WebSocket.Listener() {
			}).get(10, java.util.concurrent.TimeUnit.SECONDS)).as("no token, no connection")
			.isInstanceOf(java.util.concurrent.ExecutionException.class);
	}
}
