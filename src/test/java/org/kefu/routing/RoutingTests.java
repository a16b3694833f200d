package org.kefu.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Work reaching the right agent: a team's ticket offered only to its online members, the less
 * loaded first; passed on when declined; taken when accepted; a returning customer's ticket
 * offered to the agent who owns their open issue; every offer with its reason; the queue board.
 */
@KefuTest
@Tag("api")
class RoutingTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Teams teams;

	@Autowired
	JdbcClient jdbc;

	private Fixtures.Person a;
	private Fixtures.Person b;

	@AfterEach
	void offline() {
		for (Fixtures.Person p : new Fixtures.Person[] { a, b }) {
			if (p != null) {
				Api.at(port).as(fixtures.tokenFor(p)).put("/api/v1/agent-states/me", Map.of("state", "offline"));
			}
		}
	}

	private static String phone() {
		return "138" + String.format("%08d", (int) (Math.random() * 1e8));
	}

	/** The agent's offer of this ticket; offers of other tests' waiting tickets are passed on ("not me"). */
	private JsonNode offerOf(Api agent, long ticket) {
		for (JsonNode o : agent.get("/api/v1/routing/offers").json()) {
			if (o.get("ticket").asLong() == ticket) {
				return o;
			}
			if (!ours.contains(o.get("ticket").asLong())) {
				agent.post("/api/v1/routing/offers/" + o.get("offer").asLong() + "/decline", Map.of());
			}
		}
		return null;
	}

	private final java.util.Set<Long> ours = java.util.concurrent.ConcurrentHashMap.newKeySet();

	@Test
	void aTeamsTicketIsOfferedToAMemberPassedOnWhenDeclinedAndTakenWhenAccepted() {
		long team = fixtures.team(Fixtures.unique("售后二组"));
		a = fixtures.person("agent");
		b = fixtures.person("agent");
		Fixtures.Person outsider = fixtures.person("agent");
		teams.setMembers(new TeamId(team), Set.of(a.id().value(), b.id().value()), Set.of(), Actor.system());
		Api apiA = Api.at(port).as(fixtures.tokenFor(a));
		Api apiB = Api.at(port).as(fixtures.tokenFor(b));
		Api lead = Api.at(port).as(fixtures.tokenFor(fixtures.person("team_lead")));
		assertThat(apiA.put("/api/v1/agents/" + a.id().value() + "/state", Map.of("state", "online")).status())
			.isEqualTo(200);
		assertThat(apiA.put("/api/v1/agents/" + b.id().value() + "/state", Map.of("state", "online")).status())
			.as("an agent does not set a colleague's state").isEqualTo(403);
		assertThat(lead.put("/api/v1/agents/" + b.id().value() + "/state", Map.of("state", "online")).status())
			.isEqualTo(200);

		String customerPhone = phone();
		long ticket = lead.post("/api/v1/tickets", Map.of("subject", "退货地址", "description", "退货寄到哪里？",
				"businessType", "return_exchange", "channel", "email", "team", team, "priority", "urgent",
				"customer", Map.of("name", "钱七", "phone", customerPhone))).json().get("id").asLong();
		ours.add(ticket);
		await().atMost(Duration.ofSeconds(10)).until(() -> offerOf(apiA, ticket) != null || offerOf(apiB, ticket) != null);
		Api first = offerOf(apiA, ticket) != null ? apiA : apiB;
		Api second = first == apiA ? apiB : apiA;
		Fixtures.Person secondPerson = first == apiA ? b : a;
		assertThat(offerOf(second, ticket)).as("never offered to two agents").isNull();
		assertThat(jdbc.sql("select count(*) from routing_offer o join routing_item i on i.id = o.item_id "
				+ "where i.ticket_id = ? and o.agent_id = ?").params(ticket, outsider.id().value()).query(Long.class).single())
			.as("not a member of the team").isZero();

		long offer = offerOf(first, ticket).get("offer").asLong();
		assertThat(first.post("/api/v1/routing/offers/" + offer + "/decline", Map.of()).status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(10)).until(() -> offerOf(second, ticket) != null);
		long next = offerOf(second, ticket).get("offer").asLong();
		assertThat(first.post("/api/v1/routing/offers/" + next + "/accept", Map.of()).status())
			.as("someone else's offer").isEqualTo(404);
		Api.Response accepted = second.post("/api/v1/routing/offers/" + next + "/accept", Map.of());
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		assertThat(second.post("/api/v1/routing/offers/" + next + "/accept", Map.of()).status())
			.as("taken once").isEqualTo(409);
		assertThat(second.get("/api/v1/tickets/" + ticket).json().get("assignee").get("id").asLong())
			.isEqualTo(secondPerson.id().value());

		assertThat(second.patch("/api/v1/tickets/" + ticket, Map.of("status", "pending")).status()).isEqualTo(200);
		assertThat(second.get("/api/v1/tickets/" + ticket).json().get("assignee").isNull())
			.as("a status change leaves the assignee alone").isFalse();

		JsonNode decisions = lead.get("/api/v1/tickets/" + ticket + "/routing").json();
		assertThat(decisions).hasSize(2);
		assertThat(decisions.get(0).get("outcome").asString()).isEqualTo("declined");
		assertThat(decisions.get(1).get("outcome").asString()).isEqualTo("accepted");
		assertThat(decisions.get(1).get("reason").get("capacity").asInt()).isEqualTo(10);
		assertThat(decisions.get(1).get("reason").get("team").asLong()).isEqualTo(team);

		// the same customer writes again: the owner of their open issue gets it first
		long again = lead.post("/api/v1/tickets", Map.of("subject", "还有一件", "description", "另一个订单也要退",
				"businessType", "return_exchange", "channel", "email", "team", team, "priority", "urgent",
				"customer", Map.of("name", "钱七", "phone", customerPhone))).json().get("id").asLong();
		ours.add(again);
		await().atMost(Duration.ofSeconds(10)).until(() -> offerOf(second, again) != null);
		assertThat(lead.get("/api/v1/tickets/" + again + "/routing").json().get(0).get("reason").get("rule").asString())
			.isEqualTo("owner");

		JsonNode queues = lead.get("/api/v1/queues").json();
		assertThat(queues.get("agentsByState").get("online").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(apiA.get("/api/v1/queues").status()).as("the board is the supervisors'").isEqualTo(403);
	}
}
