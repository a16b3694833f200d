package org.kefu.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.channel.CallEvent;
import org.kefu.channel.Calls;
import org.kefu.channel.ContactView;
import org.kefu.channel.Integrations;
import org.kefu.shared.Actor;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.beans.factory.annotation.Autowired;

/** An agent answers a call and walks the five-step phone script on the ticket page. */
@KefuTest
@Tag("browser")
class PhoneCallBrowserTests extends BrowserTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Integrations integrations;

	@Autowired
	Calls calls;

	@Autowired
	Tickets tickets;

	@Override
	String locale() {
		return "zh-CN";
	}

	@Test
	void theAgentRecordsTheFiveStepsOfAnAnsweredCall() {
		Fixtures.Person agent = fixtures.person("agent");
		String source = "pbx" + Fixtures.unique("b").replaceAll("[^a-z0-9]", "");
		var pbx = integrations.create("cti", "PBX", source, null, Actor.system()).integration();
		String phone = "1370000" + String.format("%04d", (int) (Math.random() * 10_000));
		calls.take(pbx, new CallEvent("c-1", "ringing", phone, "4008001234", agent.username(), null, null, null, null));
		ContactView call = calls.take(pbx, new CallEvent("c-1", "answered", null, null, agent.username(), null, null,
				null, null));
		long number = tickets.summary(new TicketId(call.ticket())).number();

		signIn(agent.username());
		page.navigate(url("/tickets/" + number));
		assertThat(page.locator("#contacts-card")).containsText("已接通");
		assertThat(page.locator("#call-script")).containsText("问候");
		page.locator("#script-greeting").fill("您好，我是工号 1024");
		page.locator("#script-problem").fill("冰箱不制冷，订单 DD20261130");
		page.locator("#script-judgement").fill("可能是温控器故障");
		page.locator("#script-solution").fill("安排明天上门检修");
		page.locator("#script-closing").fill("客户确认，已致谢");
		page.locator("#script-form button[type=submit]").click();
		assertThat(page.locator("#call-script")).containsText("已保存");
		screenshot("18-phone-script-zh");

		page.reload();
		assertThat(page.locator("#script-problem")).hasValue("冰箱不制冷，订单 DD20261130");
		assertThat(consoleErrors).as("no script or content-security-policy errors").isEmpty();
	}

	@Test
	void aRingingCallPopsLiveOnTheAgentsScreenWithTheCallersOpenTickets() {
		Fixtures.Person agent = fixtures.person("agent");
		Fixtures.Person other = fixtures.person("agent");
		String source = "pbx" + Fixtures.unique("p").replaceAll("[^a-z0-9]", "");
		var pbx = integrations.create("cti", "PBX", source, null, Actor.system()).integration();
		String phone = "1360000" + String.format("%04d", (int) (Math.random() * 10_000));
		fixtures.aTicket().subject("洗衣机漏水").from(new org.kefu.customer.ContactDetails("赵先生", null, phone)).open();

		signIn(agent.username());
		page.navigate(url("/tickets"));
		assertThat(page.locator("#live-pops[data-connected=true]")).hasCount(1);
		calls.take(pbx, new CallEvent("pop-1", "ringing", phone, "4008001234", agent.username(), null, null, null, null));
		assertThat(page.locator("#live-pops")).containsText(phone);
		assertThat(page.locator("#live-pops")).containsText("赵先生");
		assertThat(page.locator("#live-pops")).containsText("洗衣机漏水");
		screenshot("19-call-pop-zh");

		calls.take(pbx, new CallEvent("pop-2", "ringing", "13911112222", "4008001234", other.username(), null, null,
				null, null));
		// a call for this agent after the other's: once it is here, the other's would have been too
		calls.take(pbx, new CallEvent("pop-3", "ringing", "13933334444", "4008001234", agent.username(), null, null,
				null, null));
		assertThat(page.locator("#live-pops")).containsText("13933334444");
		assertThat(page.locator("#live-pops")).not().containsText("13911112222");
		page.locator("#live-pops .btn-close").first().click();
		assertThat(page.locator("#live-pops .live-pop")).hasCount(1);
		assertThat(consoleErrors).as("no script or content-security-policy errors").isEmpty();
	}
}
