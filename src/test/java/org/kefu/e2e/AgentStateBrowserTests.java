package org.kefu.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * An agent goes to lunch from the top bar, which also follows a change made elsewhere; their team
 * lead sees it on the agents' board, which refreshes by itself, in Chinese and English.
 */
@KefuTest
@Tag("browser")
class AgentStateBrowserTests extends BrowserTest {

	@Autowired
	Fixtures fixtures;

	@Override
	String locale() {
		return "zh-CN";
	}

	@Test
	void anAgentGoesToLunchAndTheTeamLeadSeesIt() {
		Fixtures.Person agent = fixtures.person("agent");
		signIn(agent.username());
		page.locator("#agent-state-toggle").click();
		page.locator(".agent-state-menu [data-state=online]").click();
		assertThat(page.locator("#agent-state-now")).hasText("在线");
		page.locator("#agent-state-toggle").click();
		page.locator(".agent-state-menu [data-reason=lunch]").click();
		assertThat(page.locator("#agent-state-now")).hasText("小休 · 用餐");
		// changed elsewhere (another tab, a tool): the top bar follows without a reload
		org.kefu.support.Api.at(port).as(fixtures.tokenFor(agent))
			.put("/api/v1/agent-states/me", java.util.Map.of("state", "online"));
		assertThat(page.locator("#agent-state-now")).hasText("在线");
		page.locator("#agent-state-toggle").click();
		page.locator(".agent-state-menu [data-reason=lunch]").click();
		assertThat(page.locator("#agent-state-now")).hasText("小休 · 用餐");
		page.locator("#agent-state-toggle").click();
		screenshot("30-agent-state-menu-zh");

		page.context().clearCookies();
		Fixtures.Person lead = fixtures.person("team_lead");
		signIn(lead.username());
		page.navigate(url("/agent-states"));
		assertThat(page.locator("#agent-states-table [data-agent=\"" + agent.id().value() + "\"]")).containsText("用餐");
		screenshot("31-agent-states-zh");
		page.locator("#switch-language").click();
		assertThat(page.locator("#agent-states-table [data-agent=\"" + agent.id().value() + "\"]")).containsText("Lunch");
		screenshot("32-agent-states-en");
		assertThat(consoleErrors).isEmpty();
	}
}
