package org.kefu.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.support.WebSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Saved replies as agents use them: their own seen only by them, shared ones kept by team leads,
 * shortcuts unique, and a reply filled in from the ticket with what is missing named.
 */
@KefuTest
@Tag("api")
class SavedReplyTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Test
	void anAgentsOwnRepliesAreTheirsAndSharedOnesAreKeptByTeamLeads() {
		Fixtures.Person agent = fixtures.person("agent");
		Api mine = Api.at(port).as(fixtures.tokenFor(agent));
		Api colleague = Api.at(port).as(fixtures.tokenFor(fixtures.person("agent")));
		Api lead = Api.at(port).as(fixtures.tokenFor(fixtures.person("team_lead")));
		String shortcut = Fixtures.unique("wait").toLowerCase();

		Api.Response own = mine.post("/api/v1/saved-replies", Map.of("title", "稍等", "shortcut", "/" + shortcut,
				"body", "请稍等，我帮您查一下。"));
		assertThat(own.status()).as(own.body()).isEqualTo(201);
		assertThat(own.json().get("shortcut").asText()).as("the slash is how it is typed, not part of it")
			.isEqualTo(shortcut);
		assertThat(colleague.get("/api/v1/saved-replies?q=" + shortcut).json()).as("another agent's own reply")
			.isEmpty();
		assertThat(colleague.get("/api/v1/saved-replies/" + own.json().get("id").asLong()).status()).isEqualTo(404);

		assertThat(mine.post("/api/v1/saved-replies", Map.of("title", "退款", "body", "已为您退款。", "shared", true))
			.status()).as("an agent cannot share with everyone").isEqualTo(403);
		Api.Response shared = lead.post("/api/v1/saved-replies", Map.of("title", "退款到账时间", "shortcut", shortcut,
				"body", "退款会在 1-3 个工作日内原路退回。", "shared", true));
		assertThat(shared.status()).as(shared.body()).isEqualTo(201);
		assertThat(lead.post("/api/v1/saved-replies", Map.of("title", "又一个", "shortcut", shortcut, "body", "x",
				"shared", true)).status()).as("a shortcut twice among the shared").isEqualTo(409);
		long sharedId = shared.json().get("id").asLong();
		assertThat(colleague.get("/api/v1/saved-replies?q=" + shortcut).body()).contains("退款到账时间");
		assertThat(colleague.put("/api/v1/saved-replies/" + sharedId, Map.of("title", "改", "body", "改"))
			.status()).as("an agent cannot change a shared reply").isEqualTo(403);
		assertThat(mine.get("/api/v1/saved-replies?q=" + shortcut).json()).extracting(r -> r.get("title").asText())
			.as("an exact shortcut first, the agent's own before the shared").containsExactly("稍等", "退款到账时间");
		assertThat(mine.post("/api/v1/saved-replies", Map.of("title", "", "body", "x")).status()).isEqualTo(400);
		assertThat(mine.post("/api/v1/saved-replies", Map.of("title", "x", "shortcut", "two words", "body", "x"))
			.body()).contains("shortcut");
	}

	@Test
	void aReplyIsFilledFromTheTicketAndNamesWhatIsMissing() {
		Fixtures.Person agent = fixtures.person("agent");
		Api api = Api.at(port).as(fixtures.tokenFor(agent));
		Api.Response ticket = api.post("/api/v1/tickets", Map.of("subject", "改地址", "description", "送到公司",
				"businessType", "order_change", "fields", Map.of("order_number", "DD20261204001"),
				"customer", Map.of("name", "王芳", "phone", "139" + String.format("%08d", (int) (Math.random() * 1e8)))));
		assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
		long ticketId = ticket.json().get("id").asLong();
		long number = ticket.json().get("number").asLong();
		Api.Response reply = api.post("/api/v1/saved-replies", Map.of("title", "改地址确认",
				"body", "{{customer.name}}您好，订单 {{field.order_number}}（工单 #{{ticket.number}}）的地址已改好。"
						+ "快递单号：{{field.tracking_no}}。客服 {{agent.name}}"));
		Api.Response filled = api.post("/api/v1/saved-replies/" + reply.json().get("id").asLong() + "/fill",
				Map.of("ticket", ticketId));
		assertThat(filled.status()).as(filled.body()).isEqualTo(200);
		assertThat(filled.json().get("text").asText()).startsWith("王芳您好，订单 DD20261204001（工单 #" + number + "）")
			.contains("快递单号：。").doesNotContain("{{");
		assertThat(filled.json().get("missing")).extracting(m -> m.asText()).containsExactly("field.tracking_no");

		WebSession page = WebSession.signIn(port, agent.username(), Fixtures.PASSWORD, "zh-CN");
		assertThat(page.get("/replies").body()).contains("常用回复", "改地址确认");
		assertThat(page.get("/tickets/" + number).body()).contains("data-saved-replies=\"" + ticketId + "\"");
		assertThat(page.get("/replies/picker?q=改地址").body()).contains("改地址确认");
	}
}
