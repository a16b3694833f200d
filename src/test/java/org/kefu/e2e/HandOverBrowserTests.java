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
 * First-contact ownership on the ticket page: a supervisor cannot move an agent's ticket to a
 * colleague without a hand-over note; with one, the note stays on the ticket for the next agent.
 */
@KefuTest
@Tag("browser")
class HandOverBrowserTests extends BrowserTest {

	@Autowired
	Fixtures fixtures;

	@Override
	String locale() {
		return "zh-CN";
	}

	@Test
	void aSupervisorHandsAnAgentsTicketToAColleagueWithANote() {
		Fixtures.Person owner = fixtures.person("agent");
		Fixtures.Person next = fixtures.person("agent");
		Fixtures.Person supervisor = fixtures.person("site_supervisor");
		long number = Api.at(port).as(fixtures.tokenFor(owner)).post("/api/v1/tickets", Map.of("subject", "快递丢件",
				"description", "三天没有物流", "businessType", "inquiry", "assignee", owner.id().value(),
				"customer", Map.of("name", "孙先生", "phone", "138" + String.format("%08d", (int) (Math.random() * 1e8)))))
			.json().get("number").asLong();

		signIn(supervisor.username());
		page.navigate(url("/tickets/" + number));
		page.locator("#prop-assignee").selectOption(String.valueOf(next.id().value()));
		page.locator("#save-properties").click();
		assertThat(page.locator("#notices .alert-danger")).containsText("交接说明");
		page.navigate(url("/tickets/" + number));
		assertThat(page.locator("#prop-assignee")).hasValue(String.valueOf(owner.id().value()));

		page.locator("#prop-assignee").selectOption(String.valueOf(next.id().value()));
		page.locator("#prop-hand-over").fill("已答应客户今天 18 点前回电，快递单号在附件里");
		page.locator("#save-properties").click();
		assertThat(page.locator("#notices .alert-success")).containsText("已保存");
		page.navigate(url("/tickets/" + number));
		assertThat(page.locator("#prop-assignee")).hasValue(String.valueOf(next.id().value()));
		assertThat(page.locator("body")).containsText("已答应客户今天 18 点前回电，快递单号在附件里");
		assertThat(page.locator("#history [data-action=handed_over]")).containsText(supervisor.username());
		screenshot("45-hand-over-zh");
		page.locator("#switch-language").click();
		assertThat(page.locator("label[for=prop-hand-over]")).containsText("Hand-over note");
		screenshot("46-hand-over-en");
		assertThat(consoleErrors).isEmpty();
	}
}
