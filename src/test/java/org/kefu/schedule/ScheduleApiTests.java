package org.kefu.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.notification.Notifications;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.Fixtures.Person;
import org.kefu.support.KefuTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A planner schedules a small team from a forecast: leave and a pinned day off are kept, labour
 * rules hold, the solver shows its progress and can be stopped, publishing tells the agents, who
 * see their own shifts.
 */
@KefuTest
@Tag("api")
class ScheduleApiTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Teams teams;

	@Autowired
	Notifications notifications;

	static final LocalDate MONDAY = LocalDate.of(2019, 3, 4);

	/** 200 calls a weekday between 09:00 and 18:00 in 30-minute rows, none at the weekend. */
	static String history(LocalDate from, int days) {
		StringBuilder csv = new StringBuilder("date,time,contacts\n");
		for (int d = 0; d < days; d++) {
			LocalDate day = from.plusDays(d);
			boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
			for (int slot = 0; slot < 48; slot++) {
				boolean open = slot >= 18 && slot < 36;
				csv.append(day).append(',').append(String.format("%02d:%02d", slot / 2, slot % 2 * 30)).append(',')
					.append(open && !weekend ? 200 / 18.0 : 0).append('\n');
			}
		}
		return csv.toString();
	}

	record Setup(Api planner, long schedule, List<Person> agents) {
	}

	Setup aTeamWithAForecast(int agents) {
		Person supervisor = fixtures.person("site_supervisor");
		Api planner = Api.at(port).as(fixtures.tokenFor(supervisor)).header("Accept-Language", "en");
		String queue = Fixtures.unique("sched");
		planner.postBytes("/api/v1/workforce/history/" + queue, "text/csv",
				history(MONDAY.minusWeeks(4), 28).getBytes(StandardCharsets.UTF_8));
		long forecast = planner.post("/api/v1/workforce/forecasts", Map.of("queue", queue, "startsOn", MONDAY.toString(),
				"days", 7, "handleSeconds", 180)).json().get("id").asLong();
		List<Person> people = new ArrayList<>();
		for (int i = 0; i < agents; i++) {
			people.add(fixtures.person("agent"));
		}
		long team = fixtures.team(Fixtures.unique("排班组"));
		teams.setMembers(new TeamId(team), people.stream().map(p -> p.id().value()).collect(java.util.stream.Collectors.toSet()),
				Set.of(), Actor.system());
		Api.Response created = planner.post("/api/v1/workforce/schedules", Map.of("name", Fixtures.unique("三月第一周"),
				"team", team, "startsOn", MONDAY.toString(), "days", 7, "forecasts", List.of(forecast), "shrinkage", 0));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new Setup(planner, created.json().get("schedule").get("id").asLong(), people);
	}

	JsonNode solved(Api planner, long schedule) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
				() -> planner.get("/api/v1/workforce/schedules/" + schedule).json().get("schedule").get("status").asText(),
				status -> status.equals("solved"));
		return planner.get("/api/v1/workforce/schedules/" + schedule).json();
	}

	@Test
	void leaveAndAPinnedDayOffAreKeptAndLabourRulesHold() {
		Setup setup = aTeamWithAForecast(5);
		Api planner = setup.planner();
		Person onLeave = setup.agents().get(0);
		Person pinnedOff = setup.agents().get(1);
		assertThat(planner.post("/api/v1/workforce/time-off", Map.of("user", onLeave.id().value(), "startsOn",
				MONDAY.plusDays(2).toString(), "kind", "leave")).status()).isEqualTo(201);
		Api.Response pin = planner.put("/api/v1/workforce/schedules/" + setup.schedule() + "/shifts/"
				+ pinnedOff.id().value() + "/" + MONDAY.plusDays(1), Map.of("pinned", true));
		assertThat(pin.status()).as(pin.body()).isEqualTo(200);

		Api.Response started = planner.post("/api/v1/workforce/schedules/" + setup.schedule() + "/solve", Map.of("seconds", 6));
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		assertThat(planner.post("/api/v1/workforce/schedules/" + setup.schedule() + "/solve", Map.of("seconds", 6)).status())
			.as("solving twice at once").isEqualTo(409);
		JsonNode schedule = solved(planner, setup.schedule());

		assertThat(schedule.get("schedule").get("hard").asLong()).isZero();
		assertThat(schedule.get("schedule").get("coverage").asDouble()).isGreaterThan(0.9);
		List<JsonNode> shifts = new ArrayList<>();
		schedule.get("shifts").forEach(shifts::add);
		assertThat(shifts).noneMatch(s -> s.get("user").asLong() == onLeave.id().value()
				&& s.get("day").asText().equals(MONDAY.plusDays(2).toString()) && !s.get("pattern").isNull());
		assertThat(shifts).anyMatch(s -> s.get("user").asLong() == pinnedOff.id().value()
				&& s.get("day").asText().equals(MONDAY.plusDays(1).toString()) && s.get("pattern").isNull()
				&& s.get("pinned").asBoolean());
		// Rest between shifts and at most 40 hours a week for everyone.
		for (Person agent : setup.agents()) {
			List<JsonNode> own = shifts.stream()
				.filter(s -> s.get("user").asLong() == agent.id().value() && !s.get("pattern").isNull()).toList();
			long minutes = 0;
			for (int i = 0; i < own.size(); i++) {
				Instant start = Instant.parse(own.get(i).get("startsAt").asText());
				Instant end = Instant.parse(own.get(i).get("endsAt").asText());
				// The shipped split shift, 09:00-13:00 and 17:00-21:00, is eight hours' work over twelve.
				minutes += own.get(i).get("kind").asText().equals("split") ? 480
						: Duration.between(start, end).toMinutes() - own.get(i).get("breakMinutes").asInt();
				if (i > 0) {
					Instant before = Instant.parse(own.get(i - 1).get("endsAt").asText());
					assertThat(Duration.between(before, start).toHours()).isGreaterThanOrEqualTo(11);
				}
			}
			assertThat(minutes).isLessThanOrEqualTo(40 * 60);
		}
		// Required and scheduled per interval: 10:00 Beijing time on Monday needs agents and has them.
		JsonNode ten = schedule.get("intervals").get(20);
		assertThat(ten.get("required").asInt()).isPositive();
		assertThat(ten.get("scheduled").asInt()).isGreaterThanOrEqualTo(1);

		Api.Response published = planner.post("/api/v1/workforce/schedules/" + setup.schedule() + "/publish", Map.of());
		assertThat(published.status()).as(published.body()).isEqualTo(200);
		Person working = setup.agents().stream()
			.filter(a -> shifts.stream().anyMatch(s -> s.get("user").asLong() == a.id().value() && !s.get("pattern").isNull()))
			.findFirst().orElseThrow();
		assertThat(notifications.of(working.id().value(), null, 10).items())
			.anyMatch(n -> n.kind().equals("schedule.published") && n.link().equals("/my/shifts"));
		Api agent = Api.at(port).as(fixtures.tokenFor(working));
		JsonNode mine = agent.get("/api/v1/me/shifts?from=" + MONDAY + "&days=7").json();
		assertThat(mine.size()).isPositive();
		mine.forEach(s -> assertThat(s.get("user").asLong()).isEqualTo(working.id().value()));
		assertThat(agent.get("/api/v1/workforce/schedules/" + setup.schedule()).status()).isEqualTo(403);
		assertThat(planner.post("/api/v1/workforce/schedules/" + setup.schedule() + "/solve", Map.of("seconds", 6)).status())
			.as("published schedules are not solved again").isEqualTo(409);
	}

	@Test
	void thePlannerStopsALongSolveAndKeepsTheBestSoFar() {
		Setup setup = aTeamWithAForecast(4);
		Api planner = setup.planner();
		planner.post("/api/v1/workforce/schedules/" + setup.schedule() + "/solve", Map.of("seconds", 600));
		await().atMost(Duration.ofSeconds(20)).until(() -> planner.get("/api/v1/workforce/schedules/" + setup.schedule())
			.json().get("progress").get("medium").isNumber());
		JsonNode progress = planner.get("/api/v1/workforce/schedules/" + setup.schedule()).json().get("progress");
		assertThat(progress.get("solving").asBoolean()).isTrue();
		assertThat(progress.get("limitSeconds").asInt()).isEqualTo(600);
		assertThat(planner.post("/api/v1/workforce/schedules/" + setup.schedule() + "/stop", Map.of()).status()).isEqualTo(202);
		JsonNode schedule = solved(planner, setup.schedule());
		assertThat(schedule.get("shifts").size()).isPositive();
		assertThat(schedule.get("schedule").get("solveFinishedAt").isNull()).isFalse();
	}

	@Test
	void mistakesAreRefusedInTheUsersLanguage() {
		Api planner = Api.at(port).as(fixtures.tokenFor(fixtures.person("site_supervisor"))).header("Accept-Language", "zh-CN");
		Api.Response noForecast = planner.post("/api/v1/workforce/schedules", Map.of("name", "x", "team",
				fixtures.team(Fixtures.unique("组")), "startsOn", "2019-03-04"));
		assertThat(noForecast.status()).isEqualTo(400);
		assertThat(noForecast.json().get("detail").asText()).contains("预测");
		Api.Response badHours = planner.post("/api/v1/workforce/patterns", Map.of("code", Fixtures.unique("odd"), "kind",
				"early", "hours", "08:15-17:00"));
		assertThat(badHours.status()).isEqualTo(400);
		assertThat(badHours.json().get("detail").asText()).contains("08:15-17:00");
		Api.Response split = planner.post("/api/v1/workforce/patterns", Map.of("code", Fixtures.unique("split"), "kind",
				"split", "hours", "08:00-12:00 16:00-20:00", "breakMinutes", 0, "active", false));
		assertThat(split.status()).as(split.body()).isEqualTo(201);
		assertThat(planner.get("/api/v1/workforce/schedules/999999").status()).isEqualTo(404);
	}

	@Test
	void aTeamWithNobodyInItIsRefusedAndTheScheduleStaysADraft() {
		Setup setup = aTeamWithAForecast(1);
		Api planner = setup.planner();
		long team = planner.get("/api/v1/workforce/schedules/" + setup.schedule()).json().get("schedule").get("team").asLong();
		teams.setMembers(new TeamId(team), Set.of(), Set.of(), Actor.system());
		Api.Response refused = planner.post("/api/v1/workforce/schedules/" + setup.schedule() + "/solve", Map.of("seconds", 5));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("detail").asText()).contains("no active members");
		assertThat(planner.get("/api/v1/workforce/schedules/" + setup.schedule()).json().get("schedule").get("status").asText())
			.isEqualTo("draft");
	}
}
