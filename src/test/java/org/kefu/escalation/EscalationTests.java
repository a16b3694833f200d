package org.kefu.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.calendar.Calendars;
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
 * A complaint climbs its ladder: the team lead is told, then the site supervisor, each once, each
 * step in the ticket's history; solving stops the climb; a ladder that does not run at night
 * puts its steps in working hours.
 */
@KefuTest
@Tag("api")
class EscalationTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Teams teams;

	@Autowired
	Calendars calendars;

	@Autowired
	JdbcClient jdbc;

	private long notices(Fixtures.Person person, long number) {
		return jdbc.sql("select count(*) from notification where user_id = ? and kind = 'escalation.step' and link = ?")
			.params(person.id().value(), "/tickets/" + number)
			.query(Long.class)
			.single();
	}

	@Test
	void aComplaintClimbsToTheTeamLeadThenTheSupervisorAndStopsWhenSolved() {
		Api admin = Api.at(port).as(fixtures.tokenFor(fixtures.person("administrator")));
		String type = "esc_" + Fixtures.unique("t").replace('-', '_');
		assertThat(admin.post("/api/v1/business-types", Map.of("code", type, "nameZh", "升级" + type, "nameEn", type))
			.status()).isEqualTo(201);
		Api.Response ladder = admin.post("/api/v1/escalation-ladders", Map.of("name", "快速升级 " + type, "trigger",
				"complaint", "businessTypes", List.of(type), "atNight", true, "steps",
				List.of(Map.of("afterSeconds", 2, "target", "team_lead"), Map.of("afterSeconds", 4, "target",
						"site_supervisor"))));
		assertThat(ladder.status()).as(ladder.body()).isEqualTo(201);
		assertThat(admin.post("/api/v1/escalation-ladders", Map.of("name", "坏 " + type, "trigger", "complaint",
				"businessTypes", List.of(type), "steps", List.of(Map.of("afterSeconds", 5, "target", "ceo"))))
			.status()).isEqualTo(400);

		long team = fixtures.team(Fixtures.unique("投诉组"));
		Fixtures.Person lead = fixtures.person("team_lead");
		teams.setMembers(new TeamId(team), Set.of(lead.id().value()), Set.of(lead.id().value()), Actor.system());
		Fixtures.Person supervisor = fixtures.person("site_supervisor");
		JsonNode created = admin.post("/api/v1/tickets", Map.of("subject", "投诉快递员态度", "description", "很不满意",
				"businessType", type, "team", team, "customer", Map.of("name", "郑九",
						"phone", "135" + String.format("%08d", (int) (Math.random() * 1e8)))))
			.json();
		long ticket = created.get("id").asLong();
		long number = created.get("number").asLong();
		// each notice links to the ticket's page, which is addressed by its number
		await().atMost(Duration.ofSeconds(20)).until(() -> notices(lead, number) == 1 && notices(supervisor, number) == 1);
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'ticket' and entity_id = ? and action = 'escalated'")
			.param(String.valueOf(ticket))
			.query(Long.class)
			.single()).isEqualTo(2);
		JsonNode climb = admin.get("/api/v1/tickets/" + ticket + "/escalations").json().get(0);
		assertThat(climb.get("state").asString()).isEqualTo("done");
		assertThat(climb.get("stepsTaken").asInt()).isEqualTo(2);

		// solved: the climb stops
		long solved = admin.post("/api/v1/tickets", Map.of("subject", "又一个投诉", "description", "算了",
				"businessType", type, "team", team, "customer", Map.of("name", "吴十",
						"phone", "135" + String.format("%08d", (int) (Math.random() * 1e8)))))
			.json()
			.get("id")
			.asLong();
		admin.patch("/api/v1/tickets/" + solved, Map.of("status", "solved"));
		assertThat(admin.get("/api/v1/tickets/" + solved + "/escalations").json().get(0).get("state").asString())
			.isEqualTo("stopped");

		// the shipped complaint ladder keeps to working hours: its first step is a working moment
		long complaint = admin.post("/api/v1/tickets", Map.of("subject", "投诉", "description", "物流慢",
				"businessType", "complaint", "customer", Map.of("name", "冯十一",
						"phone", "135" + String.format("%08d", (int) (Math.random() * 1e8)))))
			.json()
			.get("id")
			.asLong();
		Instant next = Instant.parse(admin.get("/api/v1/tickets/" + complaint + "/escalations").json().get(0)
			.get("nextAt").asString());
		assertThat(calendars.calendar(calendars.defaultId()).isWorking(next.minusSeconds(1))).isTrue();
	}
}
