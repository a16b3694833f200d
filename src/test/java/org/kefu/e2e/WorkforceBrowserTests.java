package org.kefu.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.Fixtures.Person;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A planner in the browser: imports history, reads a forecast and its staffing, makes and solves a
 * schedule, publishes it; an agent reads their shifts; a supervisor watches adherence and the
 * wallboard. In Chinese, then English.
 */
@KefuTest
@Tag("browser")
class WorkforceBrowserTests extends BrowserTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Teams teams;

	@Override
	String locale() {
		return "zh-CN";
	}

	/** Every day 09:00–18:00 (weekdays 300 contacts, weekends 100) in 30-minute rows. */
	static byte[] history(LocalDate from, int days) {
		StringBuilder csv = new StringBuilder("date,time,contacts\n");
		for (int d = 0; d < days; d++) {
			LocalDate day = from.plusDays(d);
			boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
			for (int slot = 0; slot < 48; slot++) {
				boolean open = slot >= 18 && slot < 36;
				double calls = open ? (weekend ? 100 : 300) / 18.0 * (1 + 0.3 * Math.sin(slot / 3.0)) : 0;
				csv.append(day).append(',').append(String.format("%02d:%02d", slot / 2, slot % 2 * 30)).append(',')
					.append(String.format(java.util.Locale.ROOT, "%.2f", calls)).append('\n');
			}
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	long teamOf(List<Person> people) {
		long team = fixtures.team(Fixtures.unique("热线一组"));
		teams.setMembers(new TeamId(team), people.stream().map(p -> p.id().value()).collect(Collectors.toSet()), Set.of(),
				Actor.system());
		return team;
	}

	@Test
	void aPlannerForecastsSchedulesAndPublishesAndAnAgentSeesTheirShifts() {
		Person planner = fixtures.person("site_supervisor");
		List<Person> agents = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			agents.add(fixtures.person("agent"));
		}
		long team = teamOf(agents);
		String queue = Fixtures.unique("hotline");
		LocalDate monday = LocalDate.of(2019, 4, 8);

		signIn(planner.username());
		page.navigate(url("/workforce"));
		page.locator("#import-queue").fill(queue);
		page.locator("#import-file").setInputFiles(new FilePayload("history.csv", "text/csv", history(monday.minusWeeks(6), 42)));
		page.locator("#import-submit").click();
		assertThat(page.locator(".alert-success, .alert-danger").first()).containsText("2,016");
		assertThat(page.locator("#history-queues [data-queue='" + queue + "']")).isVisible();

		page.locator("#forecast-queue").selectOption(queue);
		page.locator("#forecast-start").fill(monday.toString());
		page.locator("#forecast-submit").click();
		assertThat(page.locator("#forecast-page h1")).containsText(queue);
		assertThat(page.locator("#daily-chart svg")).isVisible();
		assertThat(page.locator("#forecast-days tbody tr")).hasCount(7);
		assertThat(page.locator("#forecast-days tbody tr").first()).containsText("该星期几平均");
		assertThat(page.locator("#staffing-chart svg")).containsText("所需坐席");
		screenshot("47-forecast-zh");

		page.locator("#make-schedule").click();
		page.locator("#sch-name").fill("四月第二周");
		page.locator("#sch-team").selectOption(String.valueOf(team));
		page.locator("#sch-shrinkage").fill("0");
		page.locator("#sch-seconds").fill("6");
		page.locator("#schedule-submit").click();
		assertThat(page.locator("#schedule-status")).hasAttribute("data-status", "solving");
		// The progress box polls; when solving ends the page reloads with the shifts.
		assertThat(page.locator("#schedule-status")).hasAttribute("data-status", "solved",
				new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(40_000));
		assertThat(page.locator("#roster tbody tr")).hasCount(6);
		assertThat(page.locator("#roster tbody td.shift-early, #roster tbody td.shift-middle, #roster tbody td.shift-late, #roster tbody td.shift-split").first()).isVisible();
		assertThat(page.locator("#schedule-chart svg")).isVisible();
		screenshot("48-schedule-zh");

		// Pin Monday off for the first agent, then publish.
		page.locator("#pin-user").selectOption(String.valueOf(agents.get(0).id().value()));
		page.locator("#pin-day").selectOption(monday.toString());
		page.locator("#pin-pattern").selectOption("");
		page.locator("#pin-submit").click();
		assertThat(page.locator("#roster tr[data-agent='" + agents.get(0).id().value() + "'] td[data-day='" + monday + "']"))
			.hasAttribute("data-pinned", "true");
		page.locator("#publish").click();
		assertThat(page.locator("#schedule-status")).hasAttribute("data-status", "published");

		page.locator("#switch-language").click();
		assertThat(page.locator("#roster thead")).containsText("Mon");
		screenshot("49-schedule-en");
		page.navigate(url("/workforce"));
		page.locator("#erlang-contacts").fill("100");
		page.locator("#erlang-aht").fill("180");
		page.locator("#erlang-shrinkage").fill("30");
		page.locator("#erlang-submit").click();
		assertThat(page.locator("#erlang-agents")).hasText("14");
		assertThat(page.locator("#erlang-scheduled")).hasText("20");
		screenshot("50-workforce-en");

		Person working = agents.get(1);
		context.clearCookies();
		signIn(working.username());
		page.navigate(url("/my/shifts"));
		assertThat(page.locator("#my-shifts")).isVisible();
		page.locator("#wish-start").fill(LocalDate.now().plusDays(10).toString());
		page.locator("#wish-submit").click();
		assertThat(page.locator("#my-wishes")).containsText(LocalDate.now().plusDays(10).toString());
		page.navigate(url("/workforce/schedules"));
		assertThat(page.locator("body")).not().containsText("四月第二周");
	}

	@Test
	void aSupervisorWatchesAdherenceAndTheWallboard() {
		Person supervisor = fixtures.person("site_supervisor");
		List<Person> agents = List.of(fixtures.person("agent"), fixtures.person("agent"), fixtures.person("agent"));
		long team = teamOf(agents);
		Api planner = Api.at(port).as(fixtures.tokenFor(supervisor));
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		String queue = "phone";
		planner.postBytes("/api/v1/workforce/history/" + queue, "text/csv", history(today.minusDays(28), 28));
		long forecast = planner.post("/api/v1/workforce/forecasts", Map.of("queue", queue, "startsOn", today.toString(),
				"days", 1)).json().get("id").asLong();
		// Everyone works every pattern's day: one day, solved, then published.
		long schedule = planner.post("/api/v1/workforce/schedules?solve=5", Map.of("name", Fixtures.unique("今日"),
				"team", team, "startsOn", today.toString(), "days", 1, "forecasts", List.of(forecast))).json()
			.get("schedule").get("id").asLong();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> planner
			.get("/api/v1/workforce/schedules/" + schedule).json().get("schedule").get("status").asText().equals("solved"));
		planner.post("/api/v1/workforce/schedules/" + schedule + "/publish", Map.of());
		Api.at(port).as(fixtures.tokenFor(agents.get(0))).put("/api/v1/agent-states/me", Map.of("state", "online"));

		signIn(supervisor.username());
		page.navigate(url("/workforce/adherence?team=" + team));
		assertThat(page.locator("#adherence-now")).containsText(agents.get(0).username());
		page.locator("#handover-text").fill("3 号线路故障已报修，明早 9 点前回电张先生");
		page.locator("#handover-submit").click();
		assertThat(page.locator("#handover-list")).containsText("3 号线路故障已报修");
		screenshot("51-adherence-zh");

		page.navigate(url("/wallboard?team=" + team));
		assertThat(page.locator(".wb-title")).containsText("服务指挥中心");
		assertThat(page.locator("#wb-agents [data-state=online] .wb-number")).hasText("1");
		assertThat(page.locator("#wb-channels [data-channel=phone]")).isVisible();
		screenshot("52-wallboard-zh");
		// It updates without reload: a second agent comes online.
		Api.at(port).as(fixtures.tokenFor(agents.get(1))).put("/api/v1/agent-states/me", Map.of("state", "online"));
		assertThat(page.locator("#wb-agents [data-state=online] .wb-number")).hasText("2",
				new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(12_000));
		org.assertj.core.api.Assertions.assertThat(consoleErrors).isEmpty();
	}
}
