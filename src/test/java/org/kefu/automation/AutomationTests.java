package org.kefu.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.webhook.Webhooks;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rules at work: an event rule acts on the tickets it is meant for and signs the history with its
 * name; two rules undoing each other are stopped; time rules remind once and solve; a rule tried
 * on a past ticket says what it would do and does nothing; a macro applied by an agent.
 */
@KefuTest
@Tag("api")
class AutomationTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Teams teams;

	@Autowired
	Webhooks webhooks;

	@Autowired
	TimeRules timeRules;

	@Autowired
	JdbcClient jdbc;

	private Api admin() {
		return Api.at(port).as(fixtures.tokenFor(fixtures.person("administrator")));
	}

	private static String phone() {
		return "137" + String.format("%08d", (int) (Math.random() * 1e8));
	}

	private JsonNode ticket(Api api, Map<String, Object> extra) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("subject", "问题", "description", "请帮忙", "businessType", "inquiry",
				"customer", Map.of("name", "周小姐", "phone", phone())));
		body.putAll(extra);
		Api.Response r = api.post("/api/v1/tickets", body);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json();
	}

	private long audit(long ticket, String action, String actor) {
		return jdbc.sql("select count(*) from audit_entry where entity_type = 'ticket' and entity_id = ? and action = ?"
				+ " and actor_name = ?")
			.params(String.valueOf(ticket), action, actor).query(Long.class).single();
	}

	@Test
	void anEventRuleActsOnTheTicketsItIsMeantForAndSignsTheHistoryWithItsName() {
		Api admin = admin();
		String tag = Fixtures.unique("refund").replace('-', '_');
		long team = fixtures.team(Fixtures.unique("售后组"));
		Fixtures.Person lead = fixtures.person("team_lead");
		teams.setMembers(new TeamId(team), Set.of(lead.id().value()), Set.of(lead.id().value()), Actor.system());
		long hook = webhooks.subscribe("http://127.0.0.1:9/hook", Set.of("account.changed"), null).id();
		String name = "退款加急 " + tag;
		Api.Response rule = admin.post("/api/v1/automation/rules", Map.of("name", name, "kind", "event",
				"events", List.of("ticket.created"), "active", true,
				"conditions", List.of(Map.of("field", "subject", "op", "contains", "value", "退款"),
						Map.of("field", "team", "op", "is", "value", String.valueOf(team))),
				"actions", List.of(Map.of("type", "set", "field", "priority", "value", "high"),
						Map.of("type", "add_tag", "value", tag),
						Map.of("type", "notify", "field", "team_lead", "value", "退款 #{{ticket.number}} {{customer.name}}"),
						Map.of("type", "webhook", "value", String.valueOf(hook)))));
		assertThat(rule.status()).as(rule.body()).isEqualTo(201);
		long ruleId = rule.json().get("id").asLong();

		// read in plain language, in the reader's language
		String en = admin.header("Accept-Language", "en").get("/api/v1/automation/rules/" + ruleId).json().get("reads").asString();
		assertThat(en).startsWith("When a ticket is created, if subject contains “退款” and team is ")
			.contains("set priority to High").contains("tell the team lead");
		String zh = Api.at(port).as(fixtures.tokenFor(fixtures.person("administrator"))).header("Accept-Language", "zh-CN")
			.get("/api/v1/automation/rules/" + ruleId).json().get("reads").asString();
		assertThat(zh).startsWith("当工单创建时，如果标题包含“退款”且团队是").contains("将优先级设为");

		JsonNode other = ticket(admin, Map.of("subject", "咨询发票", "team", team));
		JsonNode meant = ticket(admin, Map.of("subject", "申请退款", "team", team));
		long id = meant.get("id").asLong();
		await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/v1/tickets/" + id).json()
			.get("tags").toString().contains(tag));
		JsonNode t = admin.get("/api/v1/tickets/" + id).json();
		assertThat(t.get("priority").asString()).isEqualTo("high");
		assertThat(audit(id, "updated", name)).as("its changes are signed with its name").isEqualTo(2);
		assertThat(audit(id, "rule_applied", name)).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from notification where user_id = ? and kind = 'automation.notice' and ? = any(args)")
			.params(lead.id().value(), "退款 #" + meant.get("number").asLong() + " 周小姐").query(Long.class).single())
			.as("the lead is told, the variables filled").isEqualTo(1);
		assertThat(jdbc.sql("select payload from webhook_delivery where webhook_id = ? and event = 'ticket.rule'")
			.param(hook).query(String.class).single()).contains("\"number\":" + meant.get("number").asLong());
		assertThat(admin.get("/api/v1/tickets/" + other.get("id").asLong()).json().get("tags").toString())
			.doesNotContain(tag);
		assertThat(admin.get("/api/v1/automation/rules/" + ruleId + "/runs").json().get(0).get("outcome").asString())
			.isEqualTo("done");

		// bad input is refused with a reason, and only keepers of rules may write them
		Api.Response bad = admin.post("/api/v1/automation/rules", Map.of("name", "坏 " + tag, "kind", "event",
				"events", List.of("ticket.created"), "conditions", List.of(Map.of("field", "status", "op", "is", "value", "asleep")),
				"actions", List.of(Map.of("type", "add_tag", "value", "x"))));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("asleep");
		assertThat(admin.post("/api/v1/automation/rules", Map.of("name", name, "kind", "macro",
				"actions", List.of(Map.of("type", "add_tag", "value", "x")))).status()).isEqualTo(409);
		assertThat(admin.post("/api/v1/automation/rules", Map.of("name", "时 " + tag, "kind", "time",
				"actions", List.of(Map.of("type", "add_tag", "value", "x")))).status()).as("a time rule needs its hours")
			.isEqualTo(400);
		Api agent = Api.at(port).as(fixtures.tokenFor(fixtures.person("agent")));
		assertThat(agent.post("/api/v1/automation/rules", Map.of("name", "x", "kind", "macro",
				"actions", List.of(Map.of("type", "add_tag", "value", "x")))).status()).isEqualTo(403);
		assertThat(agent.get("/api/v1/automation/rules").status()).isEqualTo(403);
	}

	@Test
	void twoRulesUndoingEachOtherAreStoppedRecordedAndTheirKeepersTold() {
		Api admin = admin();
		String tag = Fixtures.unique("loop").replace('-', '_');
		Map<String, String> tagged = Map.of("field", "tags", "op", "contains", "value", tag);
		assertThat(admin.post("/api/v1/automation/rules", Map.of("name", "升 " + tag, "kind", "event",
				"events", List.of("ticket.updated"), "active", true,
				"conditions", List.of(tagged, Map.of("field", "priority", "op", "is", "value", "low")),
				"actions", List.of(Map.of("type", "set", "field", "priority", "value", "high")))).status()).isEqualTo(201);
		assertThat(admin.post("/api/v1/automation/rules", Map.of("name", "降 " + tag, "kind", "event",
				"events", List.of("ticket.updated"), "active", true,
				"conditions", List.of(tagged, Map.of("field", "priority", "op", "is", "value", "high")),
				"actions", List.of(Map.of("type", "set", "field", "priority", "value", "low")))).status()).isEqualTo(201);
		long id = ticket(admin, Map.of("tags", List.of(tag))).get("id").asLong();

		admin.patch("/api/v1/tickets/" + id, Map.of("priority", "low"));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from automation_run where ticket_id = ? and outcome = 'loop_stopped'")
			.param(id).query(Long.class).single() == 1);
		// it stays stopped: no more runs come after the stop
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> jdbc.sql(
				"select count(*) from automation_run where ticket_id = ? and outcome = 'done'").param(id)
			.query(Long.class).single() == 2);
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'ticket' and entity_id = ?"
				+ " and action = 'rule_loop_stopped'").param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from notification where kind = 'automation.loop' and args[2] = ?")
			.param(String.valueOf(admin.get("/api/v1/tickets/" + id).json().get("number").asLong()))
			.query(Long.class).single()).as("those who keep the rules are told").isPositive();
	}

	@Test
	void timeRulesRemindOnceForAStretchInPendingAndSolveLater() {
		Api admin = admin();
		String tag = Fixtures.unique("wait").replace('-', '_');
		Map<String, String> tagged = Map.of("field", "tags", "op", "contains", "value", tag);
		Map<String, String> pending = Map.of("field", "status", "op", "is", "value", "pending");
		String remind = "提醒 " + tag;
		assertThat(admin.post("/api/v1/automation/rules", Map.of("name", remind, "kind", "time", "active", true,
				"conditions", List.of(pending, tagged, Map.of("field", "hours_in_status", "op", "at_least", "value", "72")),
				"actions", List.of(Map.of("type", "reply", "field", "public",
						"value", "{{customer.name}}您好，工单 #{{ticket.number}} 还在等您的回复。")))).status()).isEqualTo(201);
		assertThat(admin.post("/api/v1/automation/rules", Map.of("name", "结案 " + tag, "kind", "time", "active", true,
				"conditions", List.of(pending, tagged, Map.of("field", "hours_in_status", "op", "at_least", "value", "168")),
				"actions", List.of(Map.of("type", "set", "field", "status", "value", "solved")))).status()).isEqualTo(201);
		Fixtures.Person agent = fixtures.person("agent");
		JsonNode waiting = ticket(admin, Map.of("tags", List.of(tag), "assignee", agent.id().value()));
		long id = waiting.get("id").asLong();
		JsonNode old = ticket(admin, Map.of("tags", List.of(tag), "assignee", agent.id().value()));
		long oldId = old.get("id").asLong();
		admin.patch("/api/v1/tickets/" + id, Map.of("status", "pending"));
		admin.patch("/api/v1/tickets/" + oldId, Map.of("status", "pending"));
		timeRules.sweep();
		assertThat(messages(id)).as("not yet three days").isEqualTo(1);

		// three and a half days pass for one, eight for the other
		jdbc.sql("update ticket set status_changed_at = now() - interval '84 hours' where id = ?").param(id).update();
		jdbc.sql("update ticket set status_changed_at = now() - interval '8 days' where id = ?").param(oldId).update();
		timeRules.sweep();
		timeRules.sweep();
		assertThat(messages(id)).as("reminded once, not once a sweep").isEqualTo(2);
		JsonNode detail = admin.get("/api/v1/tickets/" + id).json();
		assertThat(detail.get("status").asString()).isEqualTo("pending");
		assertThat(detail.get("messages").get(1).get("body").asString())
			.isEqualTo("周小姐您好，工单 #" + waiting.get("number").asLong() + " 还在等您的回复。");
		assertThat(audit(id, "reply_added", remind)).as("the reply is the rule's, by name").isEqualTo(1);
		assertThat(admin.get("/api/v1/tickets/" + oldId).json().get("status").asString()).isEqualTo("solved");

		// a time rule with nothing left to do on a ticket marks it looked at, rather than looking again each minute
		assertThat(admin.post("/api/v1/automation/rules", Map.of("name", "标记 " + tag, "kind", "time", "active", true,
				"conditions", List.of(pending, tagged, Map.of("field", "hours_in_status", "op", "at_least", "value", "1")),
				"actions", List.of(Map.of("type", "add_tag", "value", tag)))).status()).isEqualTo(201);
		timeRules.sweep();
		assertThat(jdbc.sql("select outcome from automation_run r join automation_rule a on a.id = r.rule_id"
				+ " where a.name = ? and r.ticket_id = ?").params("标记 " + tag, id).query(String.class).list())
			.containsExactly("skipped");
	}

	private long messages(long ticket) {
		return jdbc.sql("select count(*) from ticket_message where ticket_id = ?").param(ticket).query(Long.class).single();
	}

	@Test
	void aRuleTriedOnAPastTicketSaysWhatItWouldDoAndDoesNothing() {
		Api admin = admin();
		String tag = Fixtures.unique("vip").replace('-', '_');
		Api.Response rule = admin.post("/api/v1/automation/rules", Map.of("name", "加急 " + tag, "kind", "event",
				"events", List.of("ticket.created"),
				"conditions", List.of(Map.of("field", "priority", "op", "is", "value", "urgent")),
				"actions", List.of(Map.of("type", "add_tag", "value", tag),
						Map.of("type", "set", "field", "priority", "value", "urgent"))));
		assertThat(rule.status()).isEqualTo(201);
		assertThat(rule.json().get("active").asBoolean()).as("a new rule starts switched off").isFalse();
		long ruleId = rule.json().get("id").asLong();
		JsonNode urgent = ticket(admin, Map.of("priority", "urgent"));
		JsonNode normal = ticket(admin, Map.of());

		JsonNode trial = admin.post("/api/v1/automation/rules/" + ruleId + "/try",
				Map.of("ticket", urgent.get("number").asLong())).json();
		assertThat(trial.get("matched").asBoolean()).isTrue();
		assertThat(trial.get("steps").get(0).get("changes").asBoolean()).as("the tag would be added").isTrue();
		assertThat(trial.get("steps").get(1).get("changes").asBoolean()).as("already urgent").isFalse();
		JsonNode miss = admin.post("/api/v1/automation/rules/" + ruleId + "/try",
				Map.of("ticket", normal.get("number").asLong())).json();
		assertThat(miss.get("matched").asBoolean()).isFalse();
		assertThat(miss.get("checks").get(0).get("met").asBoolean()).isFalse();
		assertThat(admin.get("/api/v1/tickets/" + urgent.get("id").asLong()).json().get("tags").toString())
			.as("trying changes nothing").doesNotContain(tag);
		JsonNode recent = admin.post("/api/v1/automation/rules/" + ruleId + "/try", Map.of("recent", 20)).json();
		assertThat(recent.get("matched").toString()).contains(String.valueOf(urgent.get("number").asLong()))
			.doesNotContain("," + normal.get("number").asLong() + ",");
		assertThat(admin.post("/api/v1/automation/rules/" + ruleId + "/try", Map.of("ticket", 987654321)).status())
			.isEqualTo(400);
	}

	@Test
	void anAgentAppliesAMacroItsReplyFilledAndTheHistorySaysWhich() {
		Api admin = admin();
		String name = Fixtures.unique("补充信息");
		Api.Response macro = admin.post("/api/v1/automation/rules", Map.of("name", name, "kind", "macro", "active", true,
				"actions", List.of(Map.of("type", "reply", "field", "public", "value", "{{customer.name}}您好，请提供订单号。"),
						Map.of("type", "set", "field", "status", "value", "pending"))));
		assertThat(macro.status()).as(macro.body()).isEqualTo(201);
		Fixtures.Person agent = fixtures.person("agent");
		Api asAgent = Api.at(port).as(fixtures.tokenFor(agent));
		long id = ticket(admin, Map.of("assignee", agent.id().value())).get("id").asLong();
		assertThat(asAgent.get("/api/v1/macros").body()).contains(name);

		Api.Response applied = asAgent.post("/api/v1/tickets/" + id + "/macros/" + macro.json().get("id").asLong(), Map.of());
		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
		JsonNode detail = admin.get("/api/v1/tickets/" + id).json();
		assertThat(detail.get("status").asString()).isEqualTo("pending");
		assertThat(detail.get("messages").get(1).get("body").asString()).isEqualTo("周小姐您好，请提供订单号。");
		assertThat(audit(id, "rule_applied", agent.username())).as("the agent applied it, the history names the macro")
			.isEqualTo(1);
		assertThat(jdbc.sql("select after::text from audit_entry where entity_type = 'ticket' and entity_id = ? and action = 'rule_applied'")
			.param(String.valueOf(id)).query(String.class).single()).contains(name);
	}
}
