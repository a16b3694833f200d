package org.kefu.agentstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.channel.Integrations;
import org.kefu.chat.ChatQueue;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.support.WebSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Agent states as agents, supervisors and the telephone system change them: set by the agent (a
 * break with its reason), busy during a call and after-call work after it from the CTI events,
 * online again after the after-call time, every change kept; an agent on a break gets no chats.
 */
@KefuTest
@Tag("api")
class AgentStateTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AgentStates states;

	@Autowired
	ChatQueue queue;

	@Autowired
	Integrations integrations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void anAgentSetsTheirStateAndSupervisorsSeeItWithEveryChange() {
		Fixtures.Person agent = fixtures.person("agent");
		Api mine = Api.at(port).as(fixtures.tokenFor(agent));
		assertThat(mine.get("/api/v1/agent-states/me").json().get("state").asText()).isEqualTo("OFFLINE");
		assertThat(mine.put("/api/v1/agent-states/me", Map.of("state", "online")).json().get("state").asText())
			.isEqualTo("ONLINE");
		Api.Response noReason = mine.put("/api/v1/agent-states/me", Map.of("state", "break"));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.body()).contains("lunch");
		assertThat(mine.put("/api/v1/agent-states/me", Map.of("state", "sleeping")).status()).isEqualTo(400);
		Api.Response lunch = mine.put("/api/v1/agent-states/me", Map.of("state", "break", "reason", "lunch"));
		assertThat(lunch.json().get("reason").asText()).isEqualTo("lunch");
		mine.put("/api/v1/agent-states/me", Map.of("state", "break", "reason", "lunch"));

		var changes = mine.get("/api/v1/agent-states/" + agent.id().value() + "/changes").json();
		assertThat(changes).extracting(c -> c.get("state").asText()).as("the same state twice is one change")
			.containsExactly("ONLINE", "BREAK");
		assertThat(changes.get(1).get("at").asText()).isGreaterThanOrEqualTo(changes.get(0).get("at").asText());

		Api lead = Api.at(port).as(fixtures.tokenFor(fixtures.person("team_lead")));
		assertThat(lead.get("/api/v1/agent-states").body()).contains("\"user\":" + agent.id().value());
		assertThat(lead.get("/api/v1/agent-states/" + agent.id().value() + "/changes").status()).isEqualTo(200);
		Api other = Api.at(port).as(fixtures.tokenFor(fixtures.person("agent")));
		assertThat(other.get("/api/v1/agent-states").status()).isEqualTo(403);
		assertThat(other.get("/api/v1/agent-states/" + agent.id().value() + "/changes").status()).isEqualTo(403);

		WebSession page = WebSession.signIn(port, agent.username(), Fixtures.PASSWORD, "zh-CN");
		assertThat(page.get("/agent-state/menu").body()).contains("小休", "用餐");
		assertThat(page.get("/agent-states").statusCode()).as("the board is for supervisors").isEqualTo(403);
	}

	@Test
	void aCallMakesTheAgentBusyThenAfterCallWorkThenOnlineAndABreakGetsNoChats() throws Exception {
		Fixtures.Person agent = fixtures.person("agent");
		long id = agent.id().value();
		states.set(id, AgentState.ONLINE, null, agent.actor());
		var pbx = integrations.create("cti", "PBX", "pbx" + Fixtures.unique("s").replaceAll("[^a-z0-9]", ""), null,
				Actor.system());
		String call = "call-" + Fixtures.unique("c");
		String phone = "1391111" + String.format("%04d", (int) (Math.random() * 10_000));
		cti(pbx, Map.of("callId", call, "event", "ringing", "from", phone, "agent", agent.username()));
		assertThat(cti(pbx, Map.of("callId", call, "event", "answered", "agent", agent.username())).statusCode())
			.isEqualTo(200);
		assertThat(states.current(id).state()).isEqualTo(AgentState.BUSY);
		assertThat(states.current(id).bySystem()).isTrue();
		cti(pbx, Map.of("callId", call, "event", "ended"));
		assertThat(states.current(id).state()).isEqualTo(AgentState.AFTER_CALL);
		states.endAfterCallWork();
		assertThat(states.current(id).state()).as("not before the after-call time").isEqualTo(AgentState.AFTER_CALL);
		jdbc.sql("update agent_state set since = since - interval '2 minutes' where user_id = ?").param(id).update();
		states.endAfterCallWork();
		assertThat(states.current(id).state()).isEqualTo(AgentState.ONLINE);

		// on a break, the agent on the chat console is not offered to visitors, and Kefu does not end the break
		Fixtures.Person chatAgent = fixtures.person("agent");
		states.set(chatAgent.id().value(), AgentState.BREAK, "rest", chatAgent.actor());
		queue.checkIn(chatAgent.id().value());
		assertThat(states.current(chatAgent.id().value()).state()).isEqualTo(AgentState.BREAK);
		assertThat(queue.colleagues(id)).extracting(c -> c.get("id")).doesNotContain(chatAgent.id().value());
		states.set(chatAgent.id().value(), AgentState.ONLINE, null, chatAgent.actor());
		assertThat(queue.colleagues(id)).extracting(c -> c.get("id")).contains(chatAgent.id().value());
		Fixtures.Person fresh = fixtures.person("agent");
		queue.checkIn(fresh.id().value());
		assertThat(states.current(fresh.id().value()).state()).as("opening the console starts work")
			.isEqualTo(AgentState.ONLINE);
	}

	@Test
	void fullChatsMakeTheAgentBusyUntilOneEndsAndSigningOutIsGoingOffline() {
		Fixtures.Person agent = fixtures.person("agent");
		long id = agent.id().value();
		queue.checkIn(id);
		java.util.List<Long> sessions = new java.util.ArrayList<>();
		for (int i = 0; i < queue.maxPerAgent(); i++) {
			var started = chats.start(new org.kefu.chat.Chats.Opening("v" + java.util.UUID.randomUUID().toString()
				.replace("-", "").substring(0, 20), "访客", null, "zh-CN", null, "第 " + i + " 个问题", "first"));
			long session = chats.visitorSession(started.session(), started.key());
			queue.accept(session, agent.actor());
			sessions.add(session);
		}
		assertThat(states.current(id).state()).isEqualTo(AgentState.BUSY);
		assertThat(states.current(id).reason()).isEqualTo("chats-full");
		chats.endByAgent(sessions.get(0), agent.actor());
		assertThat(states.current(id).state()).as("room for one more").isEqualTo(AgentState.ONLINE);
		sessions.subList(1, sessions.size()).forEach(s -> chats.endByAgent(s, agent.actor()));

		WebSession page = WebSession.signIn(port, agent.username(), Fixtures.PASSWORD, "zh-CN");
		page.submit("/profile", "/logout", Map.of());
		assertThat(states.current(id).state()).isEqualTo(AgentState.OFFLINE);
		assertThat(states.current(id).reason()).isEqualTo("signed-out");
	}

	@Autowired
	org.kefu.chat.Chats chats;

	private HttpResponse<String> cti(Integrations.Created as, Object body) throws Exception {
		String text = json.writeValueAsString(body);
		String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/api/v1/cti/events"))
			.header("Content-Type", "application/json").header("X-Kefu-Integration", as.token())
			.header("X-Kefu-Timestamp", timestamp)
			.header("X-Kefu-Signature", "sha256=" + Integrations.sign(as.secret(), timestamp + "." + text))
			.POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
	}
}
