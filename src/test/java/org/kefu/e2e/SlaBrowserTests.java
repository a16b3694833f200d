package org.kefu.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A supervisor reads the service levels and the China calendar, adds a company day off, measures
 * business time across it; an agent sees a ticket's clocks count down, in Chinese and English.
 */
@KefuTest
@Tag("browser")
class SlaBrowserTests extends BrowserTest {

	@Autowired
	Fixtures fixtures;

	@Override
	String locale() {
		return "zh-CN";
	}

	@Test
	void aSupervisorKeepsCalendarsAndPoliciesAndAnAgentSeesTheClocks() {
		Fixtures.Person supervisor = fixtures.person("site_supervisor");
		signIn(supervisor.username());
		page.navigate(url("/admin/sla"));
		assertThat(page.locator("#policies")).containsText("在线聊天");
		assertThat(page.locator("#policies")).containsText("30s");
		assertThat(page.locator("#policies")).containsText("2d");
		screenshot("33-sla-policies-zh");

		page.navigate(url("/admin/calendars"));
		page.locator("#calendars a").first().click();
		assertThat(page.locator("h1")).containsText("中国大陆");
		page.locator("#days-2026 summary").scrollIntoViewIfNeeded();
		assertThat(page.locator("#days-2026")).containsText("国庆节");
		// a company day off on Friday 11 December 2026
		page.locator("#add-day input[name=day]").fill("2026-12-11");
		page.locator("#add-day input[name=name]").fill("公司年会");
		page.locator("#add-day button").click();
		assertThat(page.locator(".alert-success")).isVisible();
		assertThat(page.locator("#days-2026")).containsText("公司年会");
		// Thursday 17:00 to Monday 10:00 Beijing time: 1 h, nothing on the day off or the weekend, 1 h
		page.locator("#from").fill("2026-12-10T17:00");
		page.locator("#to").fill("2026-12-14T10:00");
		page.locator("#try-business-time button").click();
		assertThat(page.locator("#business-time")).containsText("2 小时 0 分");
		screenshot("34-calendar-zh");
		page.locator("#switch-language").click();
		assertThat(page.locator("#days-2026")).containsText("Make-up working day");
		screenshot("35-calendar-en");
		page.navigate(url("/admin/escalations"));
		assertThat(page.locator(".ladder[data-trigger=complaint] textarea")).hasValue("30m team_lead\n2h site_supervisor\n1d operations_manager");
		screenshot("35b-escalation-en");
		page.locator("#switch-language").click();
		assertThat(page.locator("h1")).hasText("升级规则");
		screenshot("35c-escalation-zh");

		Fixtures.Person agent = fixtures.person("agent");
		Api api = Api.at(port).as(fixtures.tokenFor(agent));
		long number = api.post("/api/v1/tickets", Map.of("subject", "物流太慢", "description", "三天没动了",
				"businessType", "delivery_chase", "channel", "email", "customer", Map.of("name", "周杰",
						"phone", "137" + String.format("%08d", (int) (Math.random() * 1e8)))))
			.json()
			.get("number")
			.asLong();
		page.context().clearCookies();
		signIn(agent.username());
		page.navigate(url("/tickets/" + number));
		assertThat(page.locator("#sla-slot")).containsText("首次响应");
		assertThat(page.locator("#sla-slot [data-sla-metric=first_response] .sla-countdown")).containsText("剩余");
		screenshot("36-ticket-sla-zh");
		page.locator("#switch-language").click();
		assertThat(page.locator("#sla-slot")).containsText("First response");
		assertThat(page.locator("#sla-slot [data-sla-metric=resolution] .sla-countdown")).containsText("left");
		screenshot("37-ticket-sla-en");
		assertThat(consoleErrors).isEmpty();
	}
}
