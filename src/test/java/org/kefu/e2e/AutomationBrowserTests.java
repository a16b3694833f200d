package org.kefu.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A supervisor writes a rule on the page, reads it back in plain words, tries it on a past ticket,
 * switches it on and sees it act — signed with its name in the ticket's history; an agent applies
 * a macro from the ticket page. In Chinese and English.
 */
@KefuTest
@Tag("browser")
class AutomationBrowserTests extends BrowserTest {

	@Autowired
	Fixtures fixtures;

	@Override
	String locale() {
		return "zh-CN";
	}

	private long ticket(Api api, String subject) {
		return api.post("/api/v1/tickets", Map.of("subject", subject, "description", "请处理", "businessType", "inquiry",
				"customer", Map.of("name", "陈女士", "phone", "139" + String.format("%08d", (int) (Math.random() * 1e8)))))
			.json().get("number").asLong();
	}

	@Test
	void aSupervisorWritesTriesAndSwitchesOnARuleAndAnAgentAppliesAMacro() {
		Fixtures.Person supervisor = fixtures.person("site_supervisor");
		Api api = Api.at(port).as(fixtures.tokenFor(fixtures.person("administrator")));
		String tag = Fixtures.unique("invoice").replace('-', '_');
		String word = "发票" + tag.substring(tag.lastIndexOf('_') + 1);
		long past = ticket(api, "开" + word + "的问题");

		signIn(supervisor.username());
		page.navigate(url("/admin/automation"));
		assertThat(page.locator("#rules")).containsText("当工单处于“待客户回复”状态满 72 小时时");
		page.locator("#new-name").fill("开票标记 " + tag);
		page.locator("#new-ev-ticket\\.created").check();
		page.locator("#new-cf-0").selectOption("subject");
		page.locator("#new-co-0").selectOption("contains");
		page.locator("#new-cv-0").fill(word);
		page.locator("#new-ad-0").selectOption("add_tag");
		page.locator("#new-av-0").fill(tag);
		page.locator("#new-ad-1").selectOption("notify_assignee");
		page.locator("#new-av-1").fill("{{customer.name}} 要开票");
		screenshot("40-automation-new-zh");
		page.locator("#create-rule").click();
		assertThat(page.locator(".alert-success")).containsText("先在历史工单上试一试");
		assertThat(page.locator("#reads")).hasText("当工单创建时，如果标题包含“" + word + "”，则：添加标签“" + tag
				+ "”；通知处理人“{{customer.name}} 要开票”。");
		assertThat(page.locator("#rule-state")).hasText("已关闭");

		page.locator("#try-ticket").fill(String.valueOf(past));
		page.locator("#try-submit").click();
		assertThat(page.locator("#trial")).hasAttribute("data-matched", "true");
		assertThat(page.locator("#would-do")).containsText("添加标签“" + tag + "”");
		screenshot("41-automation-try-zh");
		assertThat(api.get("/api/v1/tickets/" + past).body()).as("trying changed nothing").doesNotContain(tag);

		page.locator("#switch").click();
		assertThat(page.locator("#rule-state")).hasText("已开启");
		page.locator("#switch-language").click();
		assertThat(page.locator("#reads")).hasText("When a ticket is created, if subject contains “" + word
				+ "”: add tag “" + tag + "”; tell the assignee “{{customer.name}} 要开票”.");
		screenshot("42-automation-rule-en");

		long fresh = ticket(api, "请帮我开" + word);
		page.navigate(url("/tickets/" + fresh));
		// the rule acts after the ticket is saved: wait for it, then read the history
		com.microsoft.playwright.Locator tags = page.locator("#prop-tags");
		for (int i = 0; i < 40 && !tags.inputValue().contains(tag); i++) {
			page.waitForTimeout(250);
			page.reload();
		}
		assertThat(tags).hasValue(tag);
		assertThat(page.locator("#history")).containsText("开票标记 " + tag);
		assertThat(page.locator("#history [data-action=rule_applied]")).containsText("Rule");
		page.locator("#history").scrollIntoViewIfNeeded();
		screenshot("43-ticket-history-en");

		// an agent applies a macro from the ticket page
		String macro = "补充订单号 " + tag;
		assertThat(api.post("/api/v1/automation/rules", Map.of("name", macro, "kind", "macro", "active", true,
				"actions", List.of(Map.of("type", "reply", "field", "public", "value", "{{customer.name}}您好，请提供订单号。"),
						Map.of("type", "set", "field", "status", "value", "pending")))).status()).isEqualTo(201);
		Fixtures.Person agent = fixtures.person("agent");
		page.context().clearCookies();
		signIn(agent.username());
		page.navigate(url("/tickets/" + fresh));
		assertThat(page.locator("#macros")).containsText(macro);
		assertThat(page.locator("#macros")).containsText("回复客户“{{customer.name}}您好，请提供订单号。”；将状态设为");
		page.locator("#macros .macro").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(macro))
			.getByRole(AriaRole.BUTTON).click();
		assertThat(page.locator(".alert-success")).containsText("已执行宏“" + macro + "”");
		assertThat(page.locator("#prop-status")).hasValue("pending");
		assertThat(page.locator("body")).containsText("陈女士您好，请提供订单号。");
		assertThat(page.locator("#history")).containsText(macro);
		screenshot("44-ticket-macro-zh");
		assertThat(consoleErrors).isEmpty();
	}
}
