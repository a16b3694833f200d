package org.kefu.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
 * Calendars as an administrator keeps them: the shipped mainland China calendar measures business
 * time over the National Day week, a team gets its own calendar, holidays come in from an
 * iCalendar file, and mistakes are refused with a reason.
 */
@KefuTest
@Tag("api")
class CalendarApiTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Test
	void theShippedChinaCalendarCountsOnlyWorkingTime() {
		Api agent = Api.at(port).as(fixtures.tokenFor(fixtures.person("agent")));
		JsonNode all = agent.get("/api/v1/calendars").json();
		JsonNode china = null;
		for (JsonNode c : all) {
			if (c.get("defaultCalendar").asBoolean()) {
				china = c;
			}
		}
		assertThat(china).as(all.toString()).isNotNull();
		assertThat(china.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
		assertThat(china.get("workdays").asInt()).as("2026's make-up days").isGreaterThanOrEqualTo(6);
		long id = china.get("id").asLong();

		Api.Response week = agent.post("/api/v1/calendars/" + id + "/business-time",
				Map.of("from", "2026-09-30T09:00:00Z", "to", "2026-10-09T01:00:00Z"));
		assertThat(week.status()).as(week.body()).isEqualTo(200);
		// 30 Sept 17:00–18:00 Beijing time, nothing in the holiday week, 8 Oct whole, 9 Oct 09:00
		assertThat(week.json().get("seconds").asLong()).isEqualTo((60 + 450) * 60L);

		Api.Response missing = agent.post("/api/v1/calendars/" + id + "/business-time", Map.of("from",
				"2026-09-30T09:00:00Z"));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.header("Content-Type")).contains("application/problem+json");
		assertThat(agent.post("/api/v1/calendars", Map.of("name", "x", "timeZone", "UTC")).status())
			.as("an agent does not keep calendars").isEqualTo(403);
	}

	@Test
	void anAdministratorGivesATeamItsOwnCalendarAndImportsHolidays() {
		Api admin = Api.at(port).as(fixtures.tokenFor(fixtures.person("administrator")));
		long team = fixtures.team(Fixtures.unique("夜班"));
		String name = Fixtures.unique("夜班日历");

		Api.Response bad = admin.post("/api/v1/calendars", Map.of("name", name, "timeZone", "Mars/Olympus",
				"hours", Map.of("monday", List.of("09:00-18:00"))));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("Mars/Olympus");
		Api.Response overlap = admin.post("/api/v1/calendars", Map.of("name", name, "timeZone", "Asia/Shanghai",
				"hours", Map.of("monday", List.of("09:00-13:00", "12:00-18:00"))));
		assertThat(overlap.status()).isEqualTo(400);

		Api.Response created = admin.post("/api/v1/calendars", Map.of("name", name, "timeZone", "Asia/Shanghai",
				"hours", Map.of("monday", List.of("20:00-24:00"), "tuesday", List.of("00:00-08:00", "20:00-24:00")),
				"teams", List.of(team)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		assertThat(created.json().get("teams").get(0).asLong()).isEqualTo(team);
		assertThat(admin.post("/api/v1/calendars", Map.of("name", name, "timeZone", "UTC", "hours",
				Map.of("monday", List.of("09:00-18:00")))).status()).as("a name twice").isEqualTo(409);

		// Monday 7 December 2026 22:00 to Tuesday 06:00, Beijing time: across midnight, all of it worked
		Api.Response night = admin.post("/api/v1/calendars/" + id + "/business-time",
				Map.of("from", "2026-12-07T14:00:00Z", "to", "2026-12-07T22:00:00Z"));
		assertThat(night.json().get("seconds").asLong()).isEqualTo(8 * 3600L);

		String ics = """
				BEGIN:VCALENDAR
				VERSION:2.0
				PRODID:-//Example//Holidays//ZH
				BEGIN:VEVENT
				UID:a@example
				DTSTART;VALUE=DATE:20261207
				DTEND;VALUE=DATE:20261209
				SUMMARY:公司年会
				END:VEVENT
				BEGIN:VEVENT
				UID:b@example
				DTSTART;VALUE=DATE:20261212
				SUMMARY:年会调休上班
				END:VEVENT
				BEGIN:VEVENT
				UID:c@example
				DTSTART:20261210T090000Z
				SUMMARY:A meeting, not a day
				END:VEVENT
				END:VCALENDAR
				""".replace("\n", "\r\n");
		Api.Response imported = admin.postBytes("/api/v1/calendars/" + id + "/import", "text/calendar",
				ics.getBytes(StandardCharsets.UTF_8));
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("holidays").asInt()).isEqualTo(2);
		assertThat(imported.json().get("workdays").asInt()).isEqualTo(1);
		assertThat(imported.json().get("skipped").asInt()).isEqualTo(1);
		assertThat(admin.post("/api/v1/calendars/" + id + "/business-time",
				Map.of("from", "2026-12-07T14:00:00Z", "to", "2026-12-07T22:00:00Z")).json().get("seconds").asLong())
			.as("the company day off on Monday").isEqualTo(0);
		// Saturday 12 December is worked with the first working weekday's hours (Monday 20:00–24:00)
		assertThat(admin.post("/api/v1/calendars/" + id + "/business-time",
				Map.of("from", "2026-12-12T00:00:00Z", "to", "2026-12-13T00:00:00Z")).json().get("seconds").asLong())
			.isEqualTo(4 * 3600L);
		Api.Response garbage = admin.postBytes("/api/v1/calendars/" + id + "/import", "text/calendar",
				"not a calendar".getBytes(StandardCharsets.UTF_8));
		assertThat(garbage.status()).isEqualTo(400);
	}
}
