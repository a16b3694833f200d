package org.kefu.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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
import org.kefu.support.Fixtures.Person;
import org.kefu.support.KefuTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Yesterday's early shift (08:00–17:00, break 12:00–13:00) against what the agent did: signed in
 * 20 minutes late, a 90-minute break, gone half an hour early — and a colleague who never came.
 */
@KefuTest
@Tag("api")
class AdherenceApiTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Teams teams;

	@Autowired
	JdbcClient jdbc;

	void state(Person agent, LocalDate day, String time, String state) {
		jdbc.sql("insert into agent_state_change (user_id, state, reason, at, by_system) values (?, ?, ?, ?, false)")
			.params(agent.id().value(), state, state.equals("break") ? "lunch" : null,
					Timestamp.from(day.atTime(LocalTime.parse(time)).atZone(BEIJING).toInstant()))
			.update();
	}

	@Test
	void lateLongBreakEarlyLeaveAndANoShowAreMeasured() {
		Person supervisor = fixtures.person("site_supervisor");
		Api planner = Api.at(port).as(fixtures.tokenFor(supervisor)).header("Accept-Language", "en");
		Person late = fixtures.person("agent");
		Person absent = fixtures.person("agent");
		long team = fixtures.team(Fixtures.unique("早班组"));
		teams.setMembers(new TeamId(team), Set.of(late.id().value(), absent.id().value()), Set.of(), Actor.system());
		LocalDate yesterday = LocalDate.now(BEIJING).minusDays(1);
		String queue = Fixtures.unique("adh");
		planner.postBytes("/api/v1/workforce/history/" + queue, "text/csv",
				ScheduleApiTests.history(yesterday.minusDays(28), 28).getBytes(StandardCharsets.UTF_8));
		long forecast = planner.post("/api/v1/workforce/forecasts", Map.of("queue", queue, "startsOn", yesterday.toString(),
				"days", 1)).json().get("id").asLong();
		long schedule = planner.post("/api/v1/workforce/schedules", Map.of("name", Fixtures.unique("昨天"), "team", team,
				"startsOn", yesterday.toString(), "days", 1, "forecasts", List.of(forecast))).json()
			.get("schedule").get("id").asLong();
		long early = planner.get("/api/v1/workforce/patterns").json().valueStream()
			.filter(p -> p.get("code").asText().equals("early")).findFirst().orElseThrow().get("id").asLong();
		for (Person agent : List.of(late, absent)) {
			Api.Response set = planner.put("/api/v1/workforce/schedules/" + schedule + "/shifts/" + agent.id().value() + "/"
					+ yesterday, Map.of("pattern", early));
			assertThat(set.status()).as(set.body()).isEqualTo(200);
		}
		assertThat(planner.post("/api/v1/workforce/schedules/" + schedule + "/publish", Map.of()).status()).isEqualTo(200);
		state(late, yesterday, "08:20", "online");
		state(late, yesterday, "12:00", "break");
		state(late, yesterday, "13:30", "online");
		state(late, yesterday, "16:30", "offline");

		JsonNode days = planner.get("/api/v1/workforce/adherence/day?team=" + team + "&day=" + yesterday).json();
		assertThat(days.size()).isEqualTo(2);
		JsonNode measured = days.valueStream().filter(d -> d.get("user").asLong() == late.id().value()).findFirst().orElseThrow();
		assertThat(measured.get("lateMinutes").asLong()).isEqualTo(20);
		assertThat(measured.get("leftEarlyMinutes").asLong()).isEqualTo(30);
		assertThat(measured.get("breakMinutes").asLong()).isEqualTo(90);
		assertThat(measured.get("longBreak").asBoolean()).isTrue();
		// 08:20–12:00 working, 12:00–13:00 on the planned break, 13:30–16:30 working: 460 of 540 minutes.
		assertThat(measured.get("inAdherenceMinutes").asLong()).isEqualTo(460);
		assertThat(measured.get("adherence").asDouble()).isCloseTo(460 / 540.0, within(1e-6));
		JsonNode noShow = days.valueStream().filter(d -> d.get("user").asLong() == absent.id().value()).findFirst().orElseThrow();
		assertThat(noShow.get("noShow").asBoolean()).isTrue();
		assertThat(noShow.get("adherence").asDouble()).isZero();

		Api.Response note = planner.post("/api/v1/workforce/handovers", Map.of("team", team, "text", "明早先回电张先生"));
		assertThat(note.status()).isEqualTo(201);
		assertThat(planner.get("/api/v1/workforce/handovers?team=" + team).body()).contains("明早先回电张先生");
		assertThat(Api.at(port).as(fixtures.tokenFor(late)).get("/api/v1/workforce/adherence/now").status()).isEqualTo(403);
	}
}
