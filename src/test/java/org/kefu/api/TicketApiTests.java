package org.kefu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ticket API as an integrator's program uses it: real HTTP, tokens, problem details. */
@KefuTest
@Tag("api")
class TicketApiTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	Api agent;
	Fixtures.Person agentPerson;

	@BeforeEach
	void signIn() {
		agentPerson = fixtures.person("agent");
		agent = Api.at(port).as(fixtures.tokenFor(agentPerson));
	}

	private static Map<String, Object> aTicket(String subject) {
		return Map.of("subject", subject, "description", "订单 DD20261124001 申请退款，商品有质量问题。",
				"businessType", "return_exchange", "priority", "high", "channel", "email",
				"customer", Map.of("name", "李娜", "email", Fixtures.unique("lina") + "@example.com"));
	}

	@Test
	void opensATicketAndAnswersWithItsLocation() {
		Api.Response created = agent.post("/api/v1/tickets", aTicket("退款申请"));

		assertThat(created.status()).isEqualTo(201);
		JsonNode ticket = created.json();
		assertThat(created.header("Location")).isEqualTo("/api/v1/tickets/" + ticket.get("id").asLong());
		assertThat(ticket.get("number").asLong()).isGreaterThanOrEqualTo(100001);
		assertThat(ticket.get("status").asString()).isEqualTo("new");
		assertThat(ticket.get("priority").asString()).isEqualTo("high");
		assertThat(ticket.get("businessType").asString()).isEqualTo("return_exchange");
		assertThat(ticket.get("customer").get("name").asString()).isEqualTo("李娜");
		assertThat(ticket.get("messages").get(0).get("author").asString()).isEqualTo("customer");

		Api.Response read = agent.get(created.header("Location"));
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("subject").asString()).isEqualTo("退款申请");
	}

	@Test
	void refusesCallsWithoutATokenOrWithABadOne() {
		Api.Response anonymous = Api.at(port).get("/api/v1/tickets");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");

		Api.Response forged = Api.at(port).as("kefu_forged-token").get("/api/v1/tickets");
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.json().get("title").asString()).isEqualTo("Invalid token");
	}

	@Test
	void refusesWhatTheRoleMayNotDo() {
		Fixtures.Person trainer = fixtures.person("trainer", "data_analyst");
		Api api = Api.at(port).as(fixtures.tokenFor(trainer));
		assertThat(api.get("/api/v1/tickets").status()).isEqualTo(200);
		Api.Response refused = api.post("/api/v1/tickets", aTicket("培训师不能建单"));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(agent.get("/api/v1/users").status()).isEqualTo(403);
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyReturnsTheFirstTicket() {
		String key = Fixtures.unique("order-sync");
		Map<String, Object> request = aTicket("重复提交测试");

		Api.Response first = agent.header("Idempotency-Key", key).post("/api/v1/tickets", request);
		Api.Response retry = agent.header("Idempotency-Key", key).post("/api/v1/tickets", request);

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
		assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");

		Api.Response different = agent.header("Idempotency-Key", key).post("/api/v1/tickets", aTicket("另一张"));
		assertThat(different.status()).isEqualTo(409);
	}

	@Test
	void concurrentRetriesWithOneKeyMakeOneTicket() throws Exception {
		String key = Fixtures.unique("flaky-network");
		Map<String, Object> request = aTicket("并发重试");
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Callable<Api.Response>> calls = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				calls.add(() -> agent.header("Idempotency-Key", key).post("/api/v1/tickets", request));
			}
			Set<Long> ids = new HashSet<>();
			for (Future<Api.Response> f : pool.invokeAll(calls)) {
				Api.Response r = f.get();
				if (r.status() == 201) {
					ids.add(r.json().get("id").asLong());
				}
				else {
					assertThat(r.status()).as(r.body()).isEqualTo(409);
				}
			}
			assertThat(ids).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anUnknownBusinessTypeIsRefusedWithTheValidCodes() {
		Map<String, Object> request = new java.util.HashMap<>(aTicket("类型写错"));
		request.put("businessType", "refnd");
		Api.Response refused = agent.post("/api/v1/tickets", request);
		assertThat(refused.status()).isEqualTo(400);
		JsonNode problem = refused.json();
		assertThat(problem.get("title").asString()).isEqualTo("Unknown business type");
		assertThat(problem.get("detail").asString()).contains("'refnd'").contains("inquiry").contains("complaint");
		java.util.List<String> allowed = new java.util.ArrayList<>();
		problem.get("allowed").forEach(code -> allowed.add(code.asString()));
		assertThat(allowed).as("every built-in type, and any a test added").contains("inquiry", "order_placement",
				"order_change", "after_sales", "return_exchange", "delivery_chase", "complaint", "incident", "feedback");
		assertThat(problem.get("requestId").asString()).isNotBlank();
	}

	@Test
	void problemsSpeakTheCallersLanguage() {
		Map<String, Object> request = new java.util.HashMap<>(aTicket("类型写错"));
		request.put("businessType", "refnd");
		Api.Response refused = agent.header("Accept-Language", "zh-CN").post("/api/v1/tickets", request);
		assertThat(refused.json().get("title").asString()).isEqualTo("未知业务类型");
	}

	@Test
	void badInputIsABadRequestNeverAServerError() {
		assertThat(agent.post("/api/v1/tickets", "{\"subject\": ").status()).isEqualTo(400);
		assertThat(agent.post("/api/v1/tickets", "[]").status()).isEqualTo(400);
		assertThat(agent.post("/api/v1/tickets", "").status()).isEqualTo(400);

		Map<String, Object> badPriority = new java.util.HashMap<>(aTicket("优先级写错"));
		badPriority.put("priority", "urgentt");
		Api.Response priority = agent.post("/api/v1/tickets", badPriority);
		assertThat(priority.status()).isEqualTo(400);
		assertThat(priority.json().get("detail").asString()).contains("urgentt").contains("low, normal, high, urgent");

		Map<String, Object> noSubject = new java.util.HashMap<>(aTicket(""));
		Api.Response missing = agent.post("/api/v1/tickets", noSubject);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("subject");

		Map<String, Object> badPhone = new java.util.HashMap<>(aTicket("电话写错"));
		badPhone.put("customer", Map.of("name", "张三", "phone", "call me"));
		assertThat(agent.post("/api/v1/tickets", badPhone).status()).isEqualTo(400);

		assertThat(agent.get("/api/v1/tickets/not-a-number").status()).isEqualTo(400);
		assertThat(agent.get("/api/v1/tickets?cursor=garbage").status()).isEqualTo(400);
		assertThat(agent.get("/api/v1/tickets?status=done").status()).isEqualTo(400);
		assertThat(agent.get("/api/v1/tickets/999999999").status()).isEqualTo(404);
		assertThat(agent.get("/api/v1/no-such-thing").status()).isEqualTo(404);
		assertThat(agent.postBytes("/api/v1/tickets", "text/plain", "hello".getBytes()).status()).isEqualTo(415);
	}

	@Test
	void anOversizedBodyIsRefusedWith413() {
		String huge = "{\"subject\":\"x\",\"description\":\"" + "很".repeat(600_000) + "\"}";
		Api.Response refused = agent.post("/api/v1/tickets", huge);
		assertThat(refused.status()).isEqualTo(413);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void changesStatusOnlyAlongTheLifeCycle() {
		long id = agent.post("/api/v1/tickets", aTicket("状态流转")).json().get("id").asLong();

		Api.Response closing = agent.patch("/api/v1/tickets/" + id, Map.of("status", "closed"));
		assertThat(closing.status()).isEqualTo(409);
		assertThat(closing.json().get("allowed").toString()).contains("open").contains("solved");

		Api.Response solved = agent.patch("/api/v1/tickets/" + id, Map.of("status", "solved", "priority", "urgent"));
		assertThat(solved.status()).isEqualTo(200);
		assertThat(solved.json().get("status").asString()).isEqualTo("solved");
		assertThat(solved.json().get("priority").asString()).isEqualTo("urgent");

		Api.Response closed = agent.patch("/api/v1/tickets/" + id, Map.of("status", "closed"));
		assertThat(closed.json().get("status").asString()).isEqualTo("closed");
		assertThat(agent.patch("/api/v1/tickets/" + id, Map.of("status", "open")).status()).isEqualTo(409);
	}

	@Test
	void anAgentTakesATicketButCannotGiveWorkToSomeoneElse() {
		long id = agent.post("/api/v1/tickets", aTicket("领取工单")).json().get("id").asLong();
		Fixtures.Person colleague = fixtures.person("agent");

		Api.Response taken = agent.patch("/api/v1/tickets/" + id,
				Map.of("assignee", agentPerson.id().value(), "tags", List.of("VIP", "退款")));
		assertThat(taken.status()).isEqualTo(200);
		assertThat(taken.json().get("assignee").get("username").asString()).isEqualTo(agentPerson.username());
		assertThat(taken.json().get("status").asString()).isEqualTo("open");
		assertThat(taken.json().get("tags").toString()).isEqualTo("[\"vip\",\"退款\"]");

		assertThat(agent.patch("/api/v1/tickets/" + id, Map.of("assignee", colleague.id().value())).status())
			.isEqualTo(403);

		// first-contact ownership: giving it back to the queue is a hand-over, with a note
		Api.Response silent = agent.patch("/api/v1/tickets/" + id, "{\"assignee\": null}");
		assertThat(silent.status()).isEqualTo(400);
		assertThat(silent.body()).contains("hand-over-note-required");
		Api.Response givenBack = agent.patch("/api/v1/tickets/" + id,
				"{\"assignee\": null, \"handOverNote\": \"客户要的是发票，我这边开不了\"}");
		assertThat(givenBack.status()).isEqualTo(200);
		assertThat(givenBack.json().get("assignee").isNull()).isTrue();
	}

	@Test
	void anOwnedTicketChangesHandsOnlyWithAHandOverNoteThatStaysOnTheTicket() {
		Fixtures.Person supervisor = fixtures.person("site_supervisor");
		Api asSupervisor = Api.at(port).as(fixtures.tokenFor(supervisor));
		Fixtures.Person next = fixtures.person("agent");
		Map<String, Object> request = new java.util.HashMap<>(aTicket("交接工单"));
		request.put("assignee", agentPerson.id().value());
		long id = agent.post("/api/v1/tickets", request).json().get("id").asLong();

		Api.Response refused = asSupervisor.patch("/api/v1/tickets/" + id, Map.of("assignee", next.id().value()));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(asSupervisor.get("/api/v1/tickets/" + id).json().get("assignee").get("username").asString())
			.as("nothing changed").isEqualTo(agentPerson.username());

		Api.Response handed = asSupervisor.patch("/api/v1/tickets/" + id, Map.of("assignee", next.id().value(),
				"handOverNote", "已答应客户今天 18 点前回电"));
		assertThat(handed.status()).as(handed.body()).isEqualTo(200);
		assertThat(handed.json().get("assignee").get("username").asString()).isEqualTo(next.username());
		JsonNode messages = handed.json().get("messages");
		JsonNode note = messages.get(messages.size() - 1);
		assertThat(note.get("body").asString()).isEqualTo("已答应客户今天 18 点前回电");
		assertThat(note.get("visibility").asString()).isEqualTo("internal");
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'ticket' and entity_id = ?"
				+ " and action = 'handed_over' and actor_name = ?").params(String.valueOf(id), supervisor.username())
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from notification where user_id = ? and kind = 'ticket.assigned'")
			.param(next.id().value()).query(Long.class).single()).as("the next agent is told").isEqualTo(1);
	}

	@Test
	void repliesNotesAndTheCustomersOwnWords() {
		long id = agent.post("/api/v1/tickets", aTicket("多次沟通")).json().get("id").asLong();

		assertThat(agent.post("/api/v1/tickets/" + id + "/messages",
				Map.of("body", "您好，已收到您的退款申请。", "status", "pending")).status()).isEqualTo(201);
		assertThat(agent.post("/api/v1/tickets/" + id + "/messages",
				Map.of("body", "仓库确认退货已入库", "visibility", "internal")).status()).isEqualTo(201);
		assertThat(agent.get("/api/v1/tickets/" + id).json().get("status").asString()).isEqualTo("pending");

		agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "好的，请尽快。", "author", "customer"));

		JsonNode ticket = agent.get("/api/v1/tickets/" + id).json();
		assertThat(ticket.get("status").asString()).as("the customer's answer brings it back").isEqualTo("open");
		assertThat(ticket.get("messages")).hasSize(4);
		assertThat(ticket.get("messages").get(2).get("visibility").asString()).isEqualTo("internal");
		assertThat(ticket.get("messages").get(3).get("author").asString()).isEqualTo("customer");
	}

	@Test
	void aCustomerWritingToAClosedTicketOpensALinkedFollowUp() {
		long id = agent.post("/api/v1/tickets", aTicket("已关闭后再来信")).json().get("id").asLong();
		agent.patch("/api/v1/tickets/" + id, Map.of("status", "solved"));
		agent.patch("/api/v1/tickets/" + id, Map.of("status", "closed"));

		assertThat(agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "客服补充")).status())
			.isEqualTo(409);

		Api.Response landed = agent.post("/api/v1/tickets/" + id + "/messages",
				Map.of("body", "退款还是没到账！", "author", "customer"));
		assertThat(landed.status()).isEqualTo(201);
		assertThat(landed.json().get("followUp").asBoolean()).isTrue();
		long followUp = landed.json().get("ticketId").asLong();
		assertThat(followUp).isNotEqualTo(id);
		JsonNode ticket = agent.get("/api/v1/tickets/" + followUp).json();
		long closedNumber = agent.get("/api/v1/tickets/" + id).json().get("number").asLong();
		assertThat(ticket.get("followUpOf").asLong()).isEqualTo(closedNumber);
		assertThat(ticket.get("status").asString()).isEqualTo("new");
	}

	@Test
	void mergingMovesTheConversationAndClosesTheSource() {
		Fixtures.Person lead = fixtures.person("team_lead");
		Api api = Api.at(port).as(fixtures.tokenFor(lead));
		long source = api.post("/api/v1/tickets", aTicket("重复来电一")).json().get("id").asLong();
		long target = api.post("/api/v1/tickets", aTicket("重复来电二")).json().get("id").asLong();

		Api.Response merged = api.post("/api/v1/tickets/" + source + "/merge", Map.of("into", target));
		assertThat(merged.status()).isEqualTo(200);
		assertThat(merged.json().get("messages").size()).as("two descriptions and the merge note").isEqualTo(3);

		JsonNode closed = api.get("/api/v1/tickets/" + source).json();
		assertThat(closed.get("status").asString()).isEqualTo("closed");
		assertThat(closed.get("mergedInto").asLong()).isEqualTo(merged.json().get("number").asLong());
		assertThat(api.post("/api/v1/tickets/" + source + "/merge", Map.of("into", target)).status()).isEqualTo(409);
		assertThat(agent.post("/api/v1/tickets/" + source + "/merge", Map.of("into", target)).status())
			.as("agents may not merge").isEqualTo(403);
	}

	@Test
	void listsQueuesPageByPageWithoutGapsOrRepeats() {
		String tag = Fixtures.unique("batch").toLowerCase();
		Set<Long> created = new HashSet<>();
		for (int i = 0; i < 7; i++) {
			Map<String, Object> request = new java.util.HashMap<>(aTicket("分页 " + i));
			request.put("tags", List.of(tag));
			created.add(agent.post("/api/v1/tickets", request).json().get("id").asLong());
		}
		Set<Long> seen = new HashSet<>();
		String cursor = null;
		int pages = 0;
		do {
			Api.Response page = agent.get("/api/v1/tickets?view=all&tag=" + tag + "&limit=3"
					+ (cursor == null ? "" : "&cursor=" + cursor));
			assertThat(page.status()).isEqualTo(200);
			for (JsonNode item : page.json().get("items")) {
				assertThat(seen.add(item.get("id").asLong())).as("no repeats").isTrue();
			}
			JsonNode next = page.json().get("nextCursor");
			cursor = next == null || next.isNull() ? null : next.asString();
			pages++;
		}
		while (cursor != null && pages < 10);
		assertThat(seen).isEqualTo(created);
		assertThat(pages).isEqualTo(3);
	}

	@Test
	void searchesChineseAndEnglishWords() {
		String word = "压缩机" ;
		Map<String, Object> chinese = new java.util.HashMap<>(aTicket("空调外机噪音大"));
		chinese.put("description", "空调外机的压缩机噪音很大，晚上睡不着。");
		long zh = agent.post("/api/v1/tickets", chinese).json().get("id").asLong();
		Map<String, Object> english = new java.util.HashMap<>(aTicket("Charger broken"));
		english.put("description", "The charger stopped working after two days; requesting replacements.");
		long en = agent.post("/api/v1/tickets", english).json().get("id").asLong();

		assertThat(ids(agent.get("/api/v1/tickets?view=all&q=" + Api.query(word)))).contains(zh).doesNotContain(en);
		assertThat(ids(agent.get("/api/v1/tickets?view=all&q=" + Api.query("噪音")))).contains(zh);
		assertThat(ids(agent.get("/api/v1/tickets?view=all&q=replacement"))).as("stemmed").contains(en);
		assertThat(ids(agent.get("/api/v1/tickets?view=all&q=" + Api.query("充电器 不存在的词")))).doesNotContain(zh, en);
	}

	@Test
	void recordsTheCustomFieldsOfTheBusinessType() {
		Api.Response fields = agent.get("/api/v1/business-types/return_exchange/fields");
		assertThat(fields.status()).isEqualTo(200);
		assertThat(fields.body()).contains("order_number").contains("退货退款");

		Map<String, Object> request = new java.util.HashMap<>(aTicket("退货字段"));
		request.put("fields", Map.of("order_number", "DD20261124007", "request", "退货退款"));
		Api.Response created = agent.post("/api/v1/tickets", request);
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("fields").get("order_number").asString()).isEqualTo("DD20261124007");
		long id = created.json().get("id").asLong();

		Api.Response changed = agent.patch("/api/v1/tickets/" + id, Map.of("fields", Map.of("request", "换货")));
		assertThat(changed.json().get("fields").get("request").asString()).isEqualTo("换货");
		assertThat(changed.json().get("fields").get("order_number").asString()).isEqualTo("DD20261124007");

		Api.Response unknown = agent.patch("/api/v1/tickets/" + id, Map.of("fields", Map.of("colour", "red")));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("allowed").toString()).contains("order_number");
		Api.Response badChoice = agent.patch("/api/v1/tickets/" + id, Map.of("fields", Map.of("request", "投诉")));
		assertThat(badChoice.status()).isEqualTo(400);
		assertThat(badChoice.json().get("detail").asString()).contains("换货");
	}

	private static List<Long> ids(Api.Response page) {
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		List<Long> ids = new ArrayList<>();
		page.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
		return ids;
	}
}
