package org.kefu.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A supervisor watches the queue board while a ticket waits; the online agent receives the offer
 * live on whatever page they are on, takes it and lands on the ticket; the board empties.
 */
@KefuTest
@Tag("browser")
class RoutingBrowserTests extends BrowserTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Teams teams;

	@Override
	String locale() {
		return "zh-CN";
	}

	@Test
	void theSupervisorSeesTheQueueAndTheAgentTakesTheOfferLive() {
		long team = fixtures.team(Fixtures.unique("夜班组"));
		Fixtures.Person agent = fixtures.person("agent");
		teams.setMembers(new TeamId(team), Set.of(agent.id().value()), Set.of(), Actor.system());
		Fixtures.Person lead = fixtures.person("team_lead");
		Api leadApi = Api.at(port).as(fixtures.tokenFor(lead));

		// the supervisor's board, in another browser
		BrowserContext supervisorContext = browser.newContext(new Browser.NewContextOptions().setLocale("en-US")
			.setViewportSize(1280, 880));
		Page board = supervisorContext.newPage();
		board.navigate(url("/login"));
		board.locator("#username").fill(lead.username());
		board.locator("#password").fill(Fixtures.PASSWORD);
		board.locator("button[type=submit]").click();
		board.navigate(url("/queues"));

		long number = leadApi.post("/api/v1/tickets", Map.of("subject", "发票抬头要改", "description", "公司名写错了",
				"businessType", "inquiry", "channel", "email", "team", team, "priority", "urgent",
				"customer", Map.of("name", "孙八", "phone", "136" + String.format("%08d", (int) (Math.random() * 1e8)))))
			.json()
			.get("number")
			.asLong();
		assertThat(board.locator("#waiting-items [data-ticket=\"" + number + "\"]")).containsText("waiting");
		board.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("38-queues-en.png"))
			.setFullPage(true));

		signIn(agent.username());
		page.navigate(url("/tickets"));
		assertThat(page.locator("#live-pops[data-connected=true]")).hasCount(1);
		page.locator("#agent-state-toggle").click();
		page.locator(".agent-state-menu [data-state=online]").click();
		// other tests' waiting work may be offered first, one at a time: "not me" until this ticket comes
		com.microsoft.playwright.Locator card = page.locator(".routing-offer",
				new Page.LocatorOptions().setHasText("#" + number + " "));
		for (int i = 0; i < 300 && card.count() == 0; i++) {
			com.microsoft.playwright.Locator other = page.locator(".routing-offer .offer-decline");
			if (other.count() > 0) {
				other.first().click();
			}
			page.waitForTimeout(200);
		}
		assertThat(card).containsText("发票抬头要改");
		assertThat(board.locator("#waiting-items [data-ticket=\"" + number + "\"]")).containsText("offered");
		screenshot("39-offer-zh");
		card.locator(".offer-accept").click();
		page.waitForURL("**/tickets/" + number);
		assertThat(page.locator("h1")).containsText("发票抬头要改");
		assertThat(board.locator("#waiting-items [data-ticket=\"" + number + "\"]")).hasCount(0);
		leadApi.put("/api/v1/agents/" + agent.id().value() + "/state", Map.of("state", "offline"));
		supervisorContext.close();
		assertThat(consoleErrors).isEmpty();
	}
}
