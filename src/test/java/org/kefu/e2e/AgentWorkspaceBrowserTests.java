package org.kefu.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * An agent's day in a real browser: sign in, find the queue, open a ticket for a caller, reply,
 * solve it, and switch to Chinese. Screenshots of each step land in {@code target/screenshots}.
 */
@KefuTest
@Tag("browser")
class AgentWorkspaceBrowserTests extends BrowserTest {

	@Autowired
	Fixtures fixtures;

	@Override
	String locale() {
		return "en-US";
	}

	@Test
	void anAgentOpensRepliesToAndSolvesATicketThenSwitchesToChinese() {
		Fixtures.Person agent = fixtures.person("agent");
		fixtures.aTicket().subject("Where is my parcel?").saying("Ordered a week ago, nothing arrived.").open();

		signIn(agent.username());
		assertThat(page).hasURL(Pattern.compile(".*/tickets$"));
		assertThat(page.locator("#queue-mine")).hasClass(Pattern.compile("active"));
		assertThat(page.locator("#empty-queue")).isVisible();
		screenshot("01-my-queue-empty-en");

		page.locator("#queue-unassigned").click();
		assertThat(page.locator("#tickets-table")).containsText("Where is my parcel?");
		screenshot("02-unassigned-queue-en");

		page.locator("#new-ticket").click();
		page.getByLabel("Name").fill("周杰");
		page.getByLabel("Phone").fill("139 1234 5678");
		page.getByLabel("Subject").fill("Washing machine leaks");
		page.getByLabel("What the customer needs").fill("The new washing machine leaks water from the bottom.");
		page.getByLabel("Business type").selectOption("after_sales");
		page.getByLabel("Priority").selectOption("high");
		assertThat(page.locator("#field-product")).isVisible();
		page.locator("#field-product").fill("Front loader WG54");
		page.locator("#field-purchase_date").fill("2026-11-01");
		screenshot("03-new-ticket-form-en");
		page.locator("#create-ticket").click();

		assertThat(page).hasURL(Pattern.compile(".*/tickets/\\d+$"));
		assertThat(page.locator("#ticket-subject")).containsText("Washing machine leaks");
		assertThat(page.locator("#ticket-status")).hasText("Open");
		assertThat(page.locator("#customer-card")).containsText("13912345678");
		assertThat(page.locator("#field-product")).hasValue("Front loader WG54");

		page.locator("#body").fill("A technician will visit tomorrow morning.");
		page.locator("#send-reply").click();
		assertThat(page.locator("#thread")).containsText("A technician will visit tomorrow morning.");
		screenshot("04-ticket-replied-en");

		page.locator("#prop-status").selectOption("solved");
		page.locator("#save-properties").click();
		assertThat(page.locator("#ticket-status")).hasText("Solved");
		assertThat(page.locator("#notices")).containsText("Saved");
		screenshot("05-ticket-solved-en");

		page.locator("#switch-language").click();
		assertThat(page.locator("#ticket-status")).hasText("已解决");
		assertThat(page.locator("nav.navbar")).containsText("工单");
		screenshot("06-ticket-solved-zh");

		page.locator("a.navbar-brand").click();
		assertThat(page.locator("#queue-mine")).containsText("我的待办");
		screenshot("07-my-queue-zh");

		assertThat(consoleErrors).as("no script or content-security-policy errors").isEmpty();
	}

	@Test
	void searchFindsChineseWordsInsideMessages() {
		Fixtures.Person agent = fixtures.person("agent");
		fixtures.aTicket().subject("空调问题").saying("空调外机的压缩机噪音很大，晚上睡不着。").open();
		signIn(agent.username());
		page.locator("#queue-all").click();
		page.locator("#q").fill("压缩机");
		page.locator("#q").press("Enter");
		assertThat(page.locator("#tickets-table")).containsText("空调问题");
		assertThat(page).hasURL(Pattern.compile(".*q=.*"));
		screenshot("08-search-zh-words-en");
	}

	@Test
	void theWorkspaceFitsAPhone() {
		Fixtures.Person agent = fixtures.person("agent");
		fixtures.aTicket().subject("手机上处理工单").assignedTo(agent).open();
		BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
			.setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
		page = phone.newPage();
		signIn(agent.username());
		assertThat(page.locator("#tickets-table")).containsText("手机上处理工单");
		double width = ((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue();
		assertThat(width).as("no sideways scrolling").isLessThanOrEqualTo(390);
		screenshot("09-phone-queue-zh");
		page.locator("#tickets-table a").first().click();
		assertThat(page.locator("#reply-form")).isVisible();
		screenshot("10-phone-ticket-zh");
		phone.close();
	}

	@Test
	void anAdministratorReadsThePermissionMatrixAndTheAuditLog() {
		Fixtures.Person admin = fixtures.person("administrator");
		signIn(admin.username());
		page.navigate(url("/admin/roles"));
		assertThat(page.locator("#matrix-form")).containsText("Assign tickets to others and to teams");
		screenshot("11-permission-matrix-en");
		page.navigate(url("/admin/audit"));
		assertThat(page.locator("#audit-table")).containsText(admin.username());
		screenshot("12-audit-log-en");
	}
}
