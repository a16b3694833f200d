package org.kefu.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
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

/**
 * A planner imports history, forecasts the next week, reads it against what came, enters a
 * promotion, staffs it; Erlang over the API; mistakes refused with the field named.
 */
@KefuTest
@Tag("api")
class WorkforceApiTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	/** Six-minute slots from 09:00 to 18:00: {@code weekday} calls a day Monday to Friday, 300 on Saturday, none on Sunday. */
	static String history(LocalDate from, int days, double weekday) {
		StringBuilder csv = new StringBuilder("date,slot_start,calls\n");
		for (int d = 0; d < days; d++) {
			LocalDate day = from.plusDays(d);
			double total = day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0
					: day.getDayOfWeek() == DayOfWeek.SATURDAY ? 300 : weekday;
			for (int slot = 0; slot < 240; slot++) {
				int minute = slot * 6;
				boolean open = minute >= 9 * 60 && minute < 18 * 60;
				csv.append(day).append(',').append(String.format("%02d:%02d", minute / 60, minute % 60)).append(',')
					.append(open ? total / 90 : 0).append('\n');
			}
		}
		return csv.toString();
	}

	@Test
	void aPlannerImportsHistoryForecastsAWeekAndReadsItAgainstWhatCame() {
		Api planner = Api.at(port).as(fixtures.tokenFor(fixtures.person("site_supervisor"))).header("Accept-Language", "en");
		String queue = Fixtures.unique("hotline");
		LocalDate monday = LocalDate.of(2019, 3, 4);

		Api.Response imported = planner.postBytes("/api/v1/workforce/history/" + queue, "text/csv",
				history(monday.minusWeeks(6), 42, 1000).getBytes(StandardCharsets.UTF_8));
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("slotMinutes").asInt()).isEqualTo(6);
		assertThat(imported.json().get("intervals").asInt()).isEqualTo(42 * 48);
		assertThat(planner.get("/api/v1/workforce/history").body()).contains(queue);
		// A larger file (here 2.7 MB, over the 1 MB body limit) goes as multipart.
		byte[] big = history(LocalDate.of(2017, 1, 2), 364, 800).getBytes(StandardCharsets.UTF_8);
		assertThat(planner.postBytes("/api/v1/workforce/history/" + queue + "-big", "text/csv", big).status()).isEqualTo(413);
		Api.Response uploaded = planner.upload("/api/v1/workforce/history/" + queue + "-big", "file", "calls.csv", big, Map.of());
		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
		assertThat(uploaded.json().get("rows").asInt()).isEqualTo(364 * 240);

		Api.Response created = planner.post("/api/v1/workforce/forecasts",
				Map.of("queue", queue, "startsOn", monday.toString(), "days", 7, "handleSeconds", 180));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode forecast = created.json();
		JsonNode mondayForecast = forecast.get("daily").get(0);
		assertThat(mondayForecast.get("forecast").asDouble()).isCloseTo(1000, within(0.5));
		assertThat(mondayForecast.get("weekdayAverage").asDouble()).isCloseTo(1000, within(0.01));
		assertThat(forecast.get("daily").get(5).get("forecast").asDouble()).as("Saturday").isCloseTo(300, within(0.5));
		assertThat(forecast.get("daily").get(6).get("forecast").asDouble()).as("Sunday").isCloseTo(0, within(0.01));
		// 09:00–09:30 in Beijing time is the 19th interval of the Monday: 1000 calls over 18 half hours.
		JsonNode nine = forecast.get("intervals").get(18);
		assertThat(nine.get("start").asText()).isEqualTo("2019-03-04T01:00:00Z");
		assertThat(nine.get("forecast").asDouble()).isCloseTo(1000 / 18.0, within(0.01));
		assertThat(forecast.get("accuracy").get("daysMeasured").asInt()).isZero();

		// The week comes 10 % busier than forecast: the error is 1/11 on the working days.
		planner.postBytes("/api/v1/workforce/history/" + queue, "text/csv",
				history(monday, 7, 1100).getBytes(StandardCharsets.UTF_8));
		JsonNode read = planner.get("/api/v1/workforce/forecasts/" + forecast.get("id").asLong()).json();
		assertThat(read.get("accuracy").get("daysMeasured").asInt()).isEqualTo(7);
		assertThat(read.get("daily").get(0).get("actual").asDouble()).isCloseTo(1100, within(0.01));
		assertThat(read.get("accuracy").get("dailyMape").asDouble()).as("5 days at 1/11, Saturday exact")
			.isCloseTo(5.0 / 11 / 6, within(1e-4));

		// Staffing per interval: 55.6 calls in 30 minutes at 180 s, 80/20, 30 % shrinkage.
		JsonNode staffing = planner.get("/api/v1/workforce/forecasts/" + forecast.get("id").asLong()
				+ "/staffing?targetAnswerSeconds=20&targetServiceLevel=0.8&shrinkage=0.3").json();
		JsonNode at9 = staffing.get(18);
		int agents = Erlang.agentsForErlangC(1000 / 18.0 * 180 / 1800, 180, 20, 0.8, 1).agents();
		assertThat(at9.get("agents").asInt()).isEqualTo(agents);
		assertThat(at9.get("scheduledAgents").asInt()).isEqualTo(Staffing.scheduled(agents, 0.3));
		assertThat(staffing.get(2).get("agents").asInt()).as("02:00, nobody calls").isZero();
	}

	@Test
	void aPromotionDayIsForecastAtItsFactorAndExplained() {
		Api planner = Api.at(port).as(fixtures.tokenFor(fixtures.person("operations_manager"))).header("Accept-Language", "en");
		String queue = Fixtures.unique("promo");
		LocalDate monday = LocalDate.of(2019, 11, 4);
		planner.postBytes("/api/v1/workforce/history/" + queue, "text/csv",
				history(monday.minusWeeks(4), 28, 800).getBytes(StandardCharsets.UTF_8));
		Api.Response event = planner.post("/api/v1/workforce/events", Map.of("name", "双11", "kind", "promotion",
				"startsOn", "2019-11-11", "queue", queue, "factor", 3));
		assertThat(event.status()).as(event.body()).isEqualTo(201);

		JsonNode forecast = planner.post("/api/v1/workforce/forecasts",
				Map.of("queue", queue, "startsOn", "2019-11-11", "days", 2)).json();
		assertThat(forecast.get("daily").get(0).get("forecast").asDouble()).isCloseTo(2400, within(1.0));
		assertThat(forecast.get("daily").get(0).get("event").asText()).isEqualTo("双11");
		assertThat(forecast.get("daily").get(1).get("forecast").asDouble()).isCloseTo(800, within(1.0));
		assertThat(forecast.get("handleSeconds").asDouble()).as("no handling time imported: 180 s").isEqualTo(180);

		long id = event.json().get("id").asLong();
		assertThat(planner.delete("/api/v1/workforce/events/" + id).status()).isEqualTo(204);
		assertThat(planner.delete("/api/v1/workforce/events/" + id).status()).isEqualTo(404);
	}

	@Test
	void erlangOverTheApiGivesThePublishedFigures() {
		Api planner = Api.at(port).as(fixtures.tokenFor(fixtures.person("site_supervisor"))).header("Accept-Language", "en");
		JsonNode staffed = planner.post("/api/v1/workforce/erlang", Map.of("contacts", 100, "intervalSeconds", 1800,
				"handleSeconds", 180, "targetAnswerSeconds", 20, "targetServiceLevel", 0.8, "shrinkage", 0.3)).json();
		assertThat(staffed.get("agents").asInt()).isEqualTo(14);
		assertThat(staffed.get("scheduledAgents").asInt()).isEqualTo(20);
		assertThat(staffed.get("serviceLevel").asDouble()).isCloseTo(0.888350, within(5e-7));
		assertThat(staffed.get("probabilityOfWaiting").asDouble()).isCloseTo(0.1741319, within(5e-8));
		assertThat(staffed.get("averageSpeedOfAnswer").asDouble()).isCloseTo(7.836, within(5e-4));
		assertThat(staffed.get("model").asText()).isEqualTo("erlang-c");

		JsonNode chat = planner.post("/api/v1/workforce/erlang", Map.of("contacts", 25, "intervalSeconds", 600,
				"handleSeconds", 180, "targetAnswerSeconds", 20, "targetServiceLevel", 0.8, "shrinkage", 0.3)).json();
		assertThat(chat.get("agents").asInt()).isEqualTo(11);
		assertThat(chat.get("scheduledAgents").asInt()).isEqualTo(16);
	}

	@Test
	void mistakesAreRefusedWithTheFieldNamedAndAgentsMayNotPlan() {
		Api planner = Api.at(port).as(fixtures.tokenFor(fixtures.person("site_supervisor"))).header("Accept-Language", "en");
		Api.Response bad = planner.post("/api/v1/workforce/erlang", Map.of("contacts", 100, "intervalSeconds", 1800,
				"handleSeconds", 180, "targetAnswerSeconds", 20, "targetServiceLevel", 80));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.header("Content-Type")).contains("application/problem+json");
		assertThat(bad.json().get("detail").asText()).contains("targetServiceLevel").contains("80");
		Api.Response missing = planner.post("/api/v1/workforce/erlang", Map.of("contacts", 100));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("detail").asText()).contains("intervalSeconds");

		Api.Response badRow = planner.postBytes("/api/v1/workforce/history/" + Fixtures.unique("q"), "text/csv",
				"date,time,contacts\n2019-01-01,09:00,3\n2019-01-01,nine,4\n".getBytes(StandardCharsets.UTF_8));
		assertThat(badRow.status()).isEqualTo(400);
		assertThat(badRow.json().get("detail").asText()).contains("Line 3");
		Api.Response oddSlots = planner.postBytes("/api/v1/workforce/history/" + Fixtures.unique("q"), "text/csv",
				"date,time,contacts\n2019-01-01,09:00,3\n2019-01-01,09:20,4\n".getBytes(StandardCharsets.UTF_8));
		assertThat(oddSlots.status()).isEqualTo(400);
		assertThat(oddSlots.json().get("detail").asText()).contains("20 minutes");
		Api.Response tooShort = planner.post("/api/v1/workforce/forecasts",
				Map.of("queue", Fixtures.unique("empty"), "startsOn", "2019-03-04"));
		assertThat(tooShort.status()).isEqualTo(400);
		assertThat(tooShort.json().get("detail").asText()).contains("14 days");

		Api agent = Api.at(port).as(fixtures.tokenFor(fixtures.person("agent")));
		assertThat(agent.post("/api/v1/workforce/erlang", Map.of("contacts", 1)).status()).isEqualTo(403);
		assertThat(agent.get("/api/v1/workforce/forecasts").status()).isEqualTo(403);
	}

	@Autowired
	org.kefu.channel.Integrations integrations;

	@Autowired
	HandleTimes handleTimes;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	tools.jackson.databind.json.JsonMapper json;

	@Test
	void callsAnsweredInKefuGiveTheHandlingTimeWhenNoneIsImported() throws Exception {
		Fixtures.Person agent = fixtures.person("agent");
		var pbx = integrations.create("cti", "PBX", "pbx" + Fixtures.unique("w").replaceAll("[^a-z0-9]", ""), null,
				org.kefu.shared.Actor.system());
		java.time.Instant start = java.time.Instant.now().minus(Duration.ofDays(2));
		List<String> calls = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String call = "call-" + Fixtures.unique("h");
			calls.add(call);
			java.time.Instant answered = start.plus(Duration.ofMinutes(10L * i));
			cti(pbx, Map.of("callId", call, "event", "ringing", "from", "1390000" + String.format("%04d", i), "at",
					answered.minusSeconds(5).toString(), "agent", agent.username()));
			cti(pbx, Map.of("callId", call, "event", "answered", "agent", agent.username(), "at", answered.toString()));
			cti(pbx, Map.of("callId", call, "event", "ended", "at", answered.plusSeconds(200).toString()));
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc
			.sql("select count(*) from workforce_call where call_id in (:ids) and ended_at - answered_at = interval '200 seconds'")
			.param("ids", calls).query(Long.class).single()).isEqualTo(10));
		double own = handleTimes.ownAverage("phone").orElseThrow();
		assertThat(own).as("talk time plus a minute of after-call work").isGreaterThanOrEqualTo(60);

		Api planner = Api.at(port).as(fixtures.tokenFor(fixtures.person("site_supervisor")));
		planner.postBytes("/api/v1/workforce/history/phone", "text/csv",
				history(LocalDate.of(2018, 1, 1), 21, 500).getBytes(StandardCharsets.UTF_8));
		JsonNode forecast = planner.post("/api/v1/workforce/forecasts", Map.of("queue", "phone", "startsOn", "2018-01-22",
				"days", 1)).json();
		assertThat(forecast.get("handleSeconds").asDouble()).isCloseTo(handleTimes.ownAverage("phone").orElseThrow(),
				within(0.01));
	}

	private java.net.http.HttpResponse<String> cti(org.kefu.channel.Integrations.Created as, Object body) throws Exception {
		String text = json.writeValueAsString(body);
		String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
		return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
				"http://127.0.0.1:" + port + "/api/v1/cti/events"))
			.header("Content-Type", "application/json").header("X-Kefu-Integration", as.token())
			.header("X-Kefu-Timestamp", timestamp)
			.header("X-Kefu-Signature", "sha256=" + org.kefu.channel.Integrations.sign(as.secret(), timestamp + "." + text))
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(text)).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void kefusOwnContactsBecomeHistoryOfTheirChannel() {
		var by = fixtures.person("agent");
		fixtures.aTicket().by(by).open();
		Api planner = Api.at(port).as(fixtures.tokenFor(fixtures.person("site_supervisor")));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				planner.get("/api/v1/workforce/history").json().toString()).contains("\"queue\":\"phone\""));
	}
}
