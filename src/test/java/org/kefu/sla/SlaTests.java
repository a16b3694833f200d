package org.kefu.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SLA clocks as a supervisor watches them: the right policy chosen, the response clocks met by a
 * public reply and restarted by the customer, the resolution clock paused while the ticket waits on
 * the customer, and a warning and a breach fired once each, told to the agent who has the ticket.
 */
@KefuTest
@Tag("api")
class SlaTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	private static String phone() {
		return "139" + String.format("%08d", (int) (Math.random() * 1e8));
	}

	private static Map<String, JsonNode> byMetric(JsonNode clocks) {
		Map<String, JsonNode> map = new HashMap<>();
		clocks.forEach(c -> map.put(c.get("metric").asText(), c));
		return map;
	}

	@Test
	void aChatWaitsThirtySecondsAndAnEmailTicketRunsByTheOfficeCalendar() {
		Api agent = Api.at(port).as(fixtures.tokenFor(fixtures.person("agent")));
		Api.Response chat = agent.post("/api/v1/tickets", Map.of("subject", "在线咨询", "description", "在吗？",
				"businessType", "inquiry", "channel", "chat", "customer", Map.of("name", "访客", "phone", phone())));
		assertThat(chat.status()).as(chat.body()).isEqualTo(201);
		Map<String, JsonNode> chatClocks = byMetric(agent.get("/api/v1/tickets/" + chat.json().get("id").asLong() + "/sla").json());
		assertThat(chatClocks.get("FIRST_RESPONSE").get("targetSeconds").asLong()).isEqualTo(30);
		assertThat(chatClocks.get("FIRST_RESPONSE").get("policy").asText()).contains("Chat");
		assertThat(chatClocks).as("the chat policy sets no resolution target").doesNotContainKey("RESOLUTION");

		Api.Response email = agent.post("/api/v1/tickets", Map.of("subject", "发票", "description", "请开发票",
				"businessType", "inquiry", "channel", "email", "customer", Map.of("name", "李雷", "phone", phone())));
		long id = email.json().get("id").asLong();
		Map<String, JsonNode> clocks = byMetric(agent.get("/api/v1/tickets/" + id + "/sla").json());
		assertThat(clocks.get("FIRST_RESPONSE").get("targetSeconds").asLong()).isEqualTo(4 * 3600);
		assertThat(clocks.get("RESOLUTION").get("targetSeconds").asLong()).isEqualTo(3 * 27000);
		assertThat(clocks.get("RESOLUTION").get("state").asText()).isEqualTo("running");

		// a public reply meets the first response; the customer writing again starts the next response
		assertThat(agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "好的，马上开。")).status())
			.isEqualTo(201);
		clocks = byMetric(agent.get("/api/v1/tickets/" + id + "/sla").json());
		assertThat(clocks.get("FIRST_RESPONSE").get("state").asText()).isEqualTo("stopped");
		assertThat(clocks.get("FIRST_RESPONSE").get("breached").asBoolean()).isFalse();
		assertThat(clocks).doesNotContainKey("NEXT_RESPONSE");
		agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "抬头写错了", "author", "customer"));
		clocks = byMetric(agent.get("/api/v1/tickets/" + id + "/sla").json());
		assertThat(clocks.get("NEXT_RESPONSE").get("state").asText()).isEqualTo("running");
		assertThat(clocks.get("NEXT_RESPONSE").get("targetSeconds").asLong()).isEqualTo(8 * 3600);

		// waiting on the customer pauses the resolution clock, and with it any deadline
		assertThat(agent.patch("/api/v1/tickets/" + id, Map.of("status", "pending")).status()).isEqualTo(200);
		clocks = byMetric(agent.get("/api/v1/tickets/" + id + "/sla").json());
		assertThat(clocks.get("RESOLUTION").get("paused").asBoolean()).isTrue();
		assertThat(clocks.get("RESOLUTION").get("dueAt").isNull()).isTrue();
		agent.patch("/api/v1/tickets/" + id, Map.of("status", "open"));
		clocks = byMetric(agent.get("/api/v1/tickets/" + id + "/sla").json());
		assertThat(clocks.get("RESOLUTION").get("state").asText()).isEqualTo("running");
		assertThat(clocks.get("RESOLUTION").get("dueAt").isNull()).isFalse();
		agent.patch("/api/v1/tickets/" + id, Map.of("status", "solved"));
		clocks = byMetric(agent.get("/api/v1/tickets/" + id + "/sla").json());
		assertThat(clocks.get("RESOLUTION").get("state").asText()).isEqualTo("stopped");
		assertThat(clocks.get("RESOLUTION").get("breached").asBoolean()).isFalse();
	}

	@Test
	void aWarningAndABreachFireOnceAndReachTheAgent() {
		Fixtures.Person agentPerson = fixtures.person("agent");
		Api agent = Api.at(port).as(fixtures.tokenFor(agentPerson));
		Api admin = Api.at(port).as(fixtures.tokenFor(fixtures.person("administrator")));
		String type = "sla_" + Fixtures.unique("t").replace('-', '_');
		assertThat(admin.post("/api/v1/business-types", Map.of("code", type, "nameZh", "测试" + type, "nameEn", type))
			.status()).isEqualTo(201);
		long always = 0;
		for (JsonNode c : agent.get("/api/v1/calendars").json()) {
			if (c.get("name").asText().contains("7×24")) {
				always = c.get("id").asLong();
			}
		}
		Api.Response policy = admin.post("/api/v1/sla-policies", Map.of("name", "快速 " + type, "position", 1,
				"businessTypes", List.of(type), "firstResponseSeconds", 3, "warnPercent", 50, "calendar", always));
		assertThat(policy.status()).as(policy.body()).isEqualTo(201);
		assertThat(admin.post("/api/v1/sla-policies", Map.of("name", "坏", "firstResponseSeconds", -1)).status())
			.isEqualTo(400);
		assertThat(agent.post("/api/v1/sla-policies", Map.of("name", "x", "firstResponseSeconds", 60)).status())
			.as("agents do not set service levels").isEqualTo(403);

		Api.Response ticket = agent.post("/api/v1/tickets", Map.of("subject", "急", "description", "快回复",
				"businessType", type, "assignee", agentPerson.id().value(),
				"customer", Map.of("name", "韩梅梅", "phone", phone())));
		assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
		long id = ticket.json().get("id").asLong();
		long number = ticket.json().get("number").asLong();
		await().atMost(Duration.ofSeconds(20)).until(() -> count(id, "sla_breached") == 1);
		assertThat(count(id, "sla_warned")).isEqualTo(1);
		JsonNode first = byMetric(agent.get("/api/v1/tickets/" + id + "/sla").json()).get("FIRST_RESPONSE");
		assertThat(first.get("breached").asBoolean()).isTrue();
		assertThat(first.get("remainingSeconds").asLong()).isNotPositive();
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
			.sql("select count(*) from notification where user_id = ? and kind like 'sla.%' and link = ?")
			.params(agentPerson.id().value(), "/tickets/" + number)
			.query(Long.class)
			.single() == 2);
		// a late reply is late: the clock stops, still breached, and nothing fires again
		agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "抱歉久等"));
		first = byMetric(agent.get("/api/v1/tickets/" + id + "/sla").json()).get("FIRST_RESPONSE");
		assertThat(first.get("state").asText()).isEqualTo("stopped");
		assertThat(first.get("breached").asBoolean()).isTrue();
		assertThat(count(id, "sla_breached")).isEqualTo(1);
	}

	private long count(long ticket, String action) {
		return jdbc.sql("select count(*) from audit_entry where entity_type = 'ticket' and entity_id = ? and action = ?")
			.params(String.valueOf(ticket), action)
			.query(Long.class)
			.single();
	}
}
