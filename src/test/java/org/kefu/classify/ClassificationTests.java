package org.kefu.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.channel.Intake;
import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerId;
import org.kefu.customer.Customers;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.ticket.Channel;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An administrator trains the classifier on resolved tickets the test makes (delivery chasing,
 * invoices, complaints — each worded several ways); it then names the business type and team of
 * new texts it has not seen, with the model version; a new chat lands already classified and
 * routed to that team; what the model is unsure of waits in triage until a supervisor decides.
 */
@KefuTest
@Tag("api")
class ClassificationTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Intake intake;

	@Autowired
	Customers customers;

	@Autowired
	Tickets tickets;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void noModelForTheRestOfTheSuite() {
		// other tests expect new contacts to land as inquiries
		jdbc.sql("update classify_model set active = false").update();
	}

	static final Map<String, List<String>> SAID = Map.of(
			"delivery_chase", List.of("快递三天了还没到", "物流一直不更新，帮我催一下", "我的包裹到哪里了", "订单显示发货了但是没收到",
					"快递员说送到驿站了我找不到", "催一下发货，等了好几天", "物流停在中转站不动了", "什么时候能送到"),
			"invoice", List.of("请帮我开一张增值税发票", "发票抬头写错了要重开", "电子发票在哪里下载", "公司报销需要专票",
					"开票信息怎么修改", "发票还没收到邮件", "能开纸质发票吗", "税号填错了怎么办"),
			"complaint", List.of("客服态度太差了我要投诉", "你们的服务让我非常失望", "我要投诉送货员摔坏东西", "投诉商家虚假宣传",
					"等了一周没人理我，太不负责任", "我要找你们经理投诉", "质量这么差还不给退，投诉", "对处理结果非常不满意"));

	@Test
	void aModelTrainedOnResolvedTicketsClassifiesNewContactsAndUnsureOnesWaitForTriage() {
		Api admin = Api.at(port).as(fixtures.tokenFor(fixtures.person("administrator"))).header("Accept-Language", "en");
		createTypes(admin);
		long chasers = fixtures.team(Fixtures.unique("催件组"));
		long finance = fixtures.team(Fixtures.unique("财务组"));
		long care = fixtures.team(Fixtures.unique("投诉组"));
		Map<String, Long> teamOf = Map.of("delivery_chase", chasers, "invoice", finance, "complaint", care);
		SAID.forEach((type, texts) -> {
			for (int round = 0; round < 2; round++) {
				for (String text : texts) {
					fixtures.aTicket().subject(text).saying(text + (round == 0 ? "" : "，谢谢")).ofType(type)
						.team(teamOf.get(type)).solved();
				}
			}
		});

		// an agent may not train; the administrator does
		Api agent = Api.at(port).as(fixtures.tokenFor(fixtures.person("agent"))).header("Accept-Language", "en");
		assertThat(agent.post("/api/v1/classify/models", Map.of()).status()).isEqualTo(403);
		var trained = admin.post("/api/v1/classify/models", Map.of());
		assertThat(trained.status()).as(trained.body()).isEqualTo(201);
		int version = trained.json().get("version").asInt();
		assertThat(trained.json().get("labels").toString()).contains("delivery_chase", "invoice", "complaint");

		// new words it has not seen
		Map<String, String> unseen = Map.of("我的快递怎么还没送到啊", "delivery_chase", "麻烦给我开个发票，公司要报销", "invoice",
				"你们这服务太差劲了，我要投诉", "complaint");
		unseen.forEach((text, type) -> {
			JsonNode p = agent.post("/api/v1/classify", Map.of("text", text)).json();
			assertThat(p.get("businessType").asText()).as(text + " → " + p).isEqualTo(type);
			assertThat(p.get("team").asLong()).isEqualTo(teamOf.get(type));
			assertThat(p.get("modelVersion").asInt()).isEqualTo(version);
			assertThat(p.get("confidence").asDouble()).isBetween(0.0, 1.0);
		});

		// a chat arriving without a business type lands classified, on the team, with the model version kept
		jdbc.sql("update classify_setting set threshold = 0.4").update();
		CustomerId customer = customers.identify(new ContactDetails("宋佳", Fixtures.unique("song") + "@example.com", null),
				Actor.system());
		TicketId landed = intake.land(customer, Channel.CHAT, "快递", "快递一个星期了还没到，能帮我催催吗", List.of(), Set.of(),
				Actor.system()).ticket();
		var summary = tickets.summary(landed);
		assertThat(summary.businessType()).isEqualTo("delivery_chase");
		assertThat(summary.team()).isEqualTo(chasers);
		assertThat(jdbc.sql("select model_version from classify_prediction where ticket_id = ?").param(landed.value())
			.query(Integer.class).single()).isEqualTo(version);

		// when the model is not sure, nothing is guessed: the contact is an inquiry waiting in triage
		jdbc.sql("update classify_setting set threshold = 0.99").update();
		CustomerId other = customers.identify(new ContactDetails("陆明", Fixtures.unique("lu") + "@example.com", null),
				Actor.system());
		TicketId unsure = intake.land(other, Channel.CHAT, "你好", "你好，在吗", List.of(), Set.of(), Actor.system()).ticket();
		assertThat(tickets.summary(unsure).businessType()).isEqualTo("inquiry");
		Api lead = Api.at(port).as(fixtures.tokenFor(fixtures.person("team_lead"))).header("Accept-Language", "en");
		List<Long> waiting = new java.util.ArrayList<>();
		lead.get("/api/v1/triage").json().forEach(w -> waiting.add(w.get("ticketId").asLong()));
		assertThat(waiting).contains(unsure.value());
		assertThat(lead.post("/api/v1/triage/" + unsure.value(), Map.of("businessType", "complaint", "team", care)).status())
			.isEqualTo(204);
		assertThat(tickets.summary(unsure).businessType()).isEqualTo("complaint");
		assertThat(tickets.summary(unsure).team()).isEqualTo(care);
		assertThat(lead.post("/api/v1/triage/" + unsure.value(), Map.of("businessType", "complaint")).status()).isEqualTo(404);
		jdbc.sql("update classify_setting set threshold = 0.6").update();
		// leave no waiting work behind for the routing tests
		for (TicketId id : List.of(landed, unsure)) {
			tickets.change(id, org.kefu.ticket.TicketChange.status(org.kefu.ticket.TicketStatus.SOLVED), Actor.system());
		}
	}

	@Test
	void trainingWithTooFewResolvedTicketsSaysWhatIsMissing() {
		jdbc.sql("update classify_model set active = false").update();
		Api admin = Api.at(port).as(fixtures.tokenFor(fixtures.person("administrator"))).header("Accept-Language", "zh-CN");
		var none = admin.post("/api/v1/classify", Map.of("text", "你好"));
		assertThat(none.status()).isEqualTo(409);
		assertThat(none.json().get("title").asText()).isEqualTo("还没有模型");
		assertThat(admin.post("/api/v1/classify", Map.of("text", " ")).status()).isEqualTo(400);
	}

	private void createTypes(Api admin) {
		for (String[] t : new String[][] { { "delivery_chase", "催件", "Delivery chase" }, { "invoice", "发票", "Invoices" },
				{ "complaint", "投诉", "Complaint" } }) {
			admin.post("/api/v1/business-types", Map.of("code", t[0], "nameZh", t[1], "nameEn", t[2]));
		}
	}
}
