package org.kefu.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.audit.AuditEntry;
import org.kefu.audit.AuditLog;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The customer archive over the API: one history across channels, duplicates, merges, masking. */
@KefuTest
@Tag("api")
class CustomerArchiveTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditLog audit;

	Api agent;

	@BeforeEach
	void signIn() {
		agent = Api.at(port).as(fixtures.tokenFor(fixtures.person("agent")));
	}

	private static String mobile() {
		return "139" + String.format("%08d", (int) (Math.random() * 100_000_000));
	}

	private long openTicket(Api api, Map<String, Object> customer, String subject) {
		Api.Response created = api.post("/api/v1/tickets", Map.of("subject", subject, "description", "……",
				"businessType", "inquiry", "customer", customer));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("customer").get("id").asLong();
	}

	@Test
	void aCustomerWhoCallsThenWritesThenChatsIsOneCustomer() {
		String phone = mobile();
		String email = Fixtures.unique("zhou") + "@example.com";
		long byPhone = openTicket(agent, Map.of("name", "周杰", "phone", phone), "来电：空调不制冷");
		long byMail = openTicket(agent, Map.of("name", "周杰", "email", email, "phone", "+86 " + phone), "邮件：跟进");
		assertThat(byMail).isEqualTo(byPhone);

		String visitor = Fixtures.unique("visitor");
		assertThat(agent.post("/api/v1/customers/" + byPhone + "/identities", Map.of("type", "chat", "value", visitor))
			.status()).isEqualTo(201);
		long byChat = openTicket(agent, Map.of("name", "访客", "email", email.toUpperCase()), "在线：再问一次");
		assertThat(byChat).isEqualTo(byPhone);

		for (String identity : List.of(phone.substring(0, 3) + "-" + phone.substring(3), email, visitor)) {
			JsonNode found = agent.get("/api/v1/customers?identity=" + Api.query(identity)).json().get("items");
			assertThat(found).as(identity).hasSize(1);
			assertThat(found.get(0).get("id").asLong()).isEqualTo(byPhone);
		}
		JsonNode tickets = agent.get("/api/v1/tickets?view=all&customer=" + byPhone).json().get("items");
		assertThat(tickets).hasSize(3);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				agent.get("/api/v1/customers/" + byPhone + "/timeline").json().get("items").toString())
			.contains("ticket.opened").contains("customer.identity_added"));
	}

	@Test
	void anIdentitySomeoneElseHasIsRefusedNamingThem() {
		String phone = mobile();
		Api.Response first = agent.post("/api/v1/customers", Map.of("name", "李娜",
				"identities", List.of(Map.of("type", "phone", "value", phone))));
		assertThat(first.status()).isEqualTo(201);
		Api.Response second = agent.post("/api/v1/customers", Map.of("name", "另一位",
				"identities", List.of(Map.of("type", "phone", "value", "+86 " + phone))));
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.json().get("existingCustomer").asLong()).isEqualTo(first.json().get("id").asLong());

		Api.Response nonsense = agent.post("/api/v1/customers", Map.of("name", "x",
				"identities", List.of(Map.of("type", "phone", "value", "call me"))));
		assertThat(nonsense.status()).isEqualTo(400);
		assertThat(nonsense.json().get("detail").asString()).contains("call me");
		Api.Response badType = agent.post("/api/v1/customers", Map.of("name", "x",
				"identities", List.of(Map.of("type", "fax", "value", "123"))));
		assertThat(badType.status()).isEqualTo(400);
		assertThat(badType.json().get("detail").asString()).contains("phone, email, chat, im");
	}

	@Test
	void mergingDuplicatesJoinsTheirHistoriesAndAnAdministratorCanUndoIt() {
		Api admin = Api.at(port).as(fixtures.tokenFor(fixtures.person("administrator")));
		String phoneA = mobile();
		String phoneB = mobile();
		long keep = openTicket(agent, Map.of("name", "王芳", "phone", phoneA), "第一次来电");
		long duplicate = openTicket(agent, Map.of("name", "王芳", "phone", phoneB), "第二次来电");

		assertThat(agent.post("/api/v1/customers/" + duplicate + "/merge", Map.of("into", keep)).status())
			.as("agents may not merge").isEqualTo(403);
		Api.Response merged = admin.post("/api/v1/customers/" + duplicate + "/merge", Map.of("into", keep));
		assertThat(merged.status()).isEqualTo(200);
		long merge = merged.json().get("merge").asLong();

		assertThat(agent.get("/api/v1/tickets?view=all&customer=" + keep).json().get("items")).hasSize(2);
		assertThat(agent.get("/api/v1/customers?identity=" + phoneB).json().get("items").get(0).get("id").asLong())
			.isEqualTo(keep);
		long next = openTicket(agent, Map.of("name", "王芳", "phone", phoneB), "合并后来电");
		assertThat(next).isEqualTo(keep);
		assertThat(agent.get("/api/v1/customers/" + duplicate).json().get("mergedInto").asLong()).isEqualTo(keep);
		assertThat(agent.get("/api/v1/customers?q=" + phoneB).json().get("items").toString())
			.doesNotContain("\"id\":" + duplicate + ",");

		Api.Response undone = admin.post("/api/v1/customers/merges/" + merge + "/undo", Map.of());
		assertThat(undone.status()).isEqualTo(200);
		assertThat(agent.get("/api/v1/customers?identity=" + phoneB).json().get("items").get(0).get("id").asLong())
			.isEqualTo(duplicate);
		assertThat(agent.get("/api/v1/customers/" + duplicate).json().get("mergedInto").isNull()).isTrue();
		assertThat(admin.post("/api/v1/customers/merges/" + merge + "/undo", Map.of()).status()).isEqualTo(409);

		List<String> actions = new ArrayList<>();
		audit.read("customer", String.valueOf(duplicate), null, null, null, null, 20).items()
			.forEach((AuditEntry e) -> actions.add(e.action()));
		assertThat(actions).contains("merged", "unmerged");
	}

	@Test
	void rolesWithoutContactDetailsSeeThemMaskedEverywhere() {
		String phone = mobile();
		String email = Fixtures.unique("masked") + "@example.com";
		long id = openTicket(agent, Map.of("name", "赵敏", "phone", phone, "email", email), "遮盖测试");
		Api qa = Api.at(port).as(fixtures.tokenFor(fixtures.person("qa_inspector", "data_analyst")));
		String masked = phone.substring(0, 3) + "****" + phone.substring(7);

		JsonNode customer = qa.get("/api/v1/customers/" + id).json();
		assertThat(customer.get("phone").asString()).isEqualTo(masked);
		assertThat(customer.get("email").asString()).doesNotContain(email.substring(1, email.indexOf('@') - 1));
		assertThat(customer.get("identities").toString()).doesNotContain(phone).contains(masked);
		assertThat(qa.get("/api/v1/customers?q=" + Api.query("赵敏")).body()).doesNotContain(phone);
		assertThat(qa.get("/api/v1/customers?identity=" + phone).body()).doesNotContain(phone).contains(masked);
		assertThat(qa.get("/api/v1/tickets?view=all&customer=" + id).body()).doesNotContain(phone).contains(masked);

		assertThat(agent.get("/api/v1/customers/" + id).json().get("phone").asString()).isEqualTo(phone);
	}
}
