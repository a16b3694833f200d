package org.kefu.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An administrator connects the service mailbox in the browser and reads it; an agent sees the
 * customer's HTML mail on the ticket, sanitised, with the tracking image blocked until allowed,
 * and answers it — the answer reaches the customer's mailbox on the real mail server.
 */
@KefuTest
@Tag("browser")
class MailBrowserTests extends BrowserTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Override
	String locale() {
		return "zh-CN";
	}

	@AfterEach
	void pauseMailboxes() {
		jdbc.sql("update mail_mailbox set active = false").update();
	}

	@Test
	void theAdministratorConnectsAMailboxAndTheAgentAnswersAnHtmlMail() throws Exception {
		String address = Fixtures.unique("kefu") + "@shop.test";
		GreenMailUser service = greenMail.setUser(address, address, "mail-secret");
		String customer = Fixtures.unique("zhoumin") + "@example.cn";
		String raw = """
				From: =?UTF-8?B?5ZGo5pWP?= <%s>
				To: %s
				Subject: =?UTF-8?B?5rSX6KGj5py65ryP5rC0?=
				Message-ID: <browser-%s>
				Content-Type: text/html; charset=utf-8

				<p>你好，上周买的<b>滚筒洗衣机</b>漏水，订单 <a href="https://shop.example/o/DD20261201">DD20261201</a>。</p>
				<img src="https://tracker.example/open.gif" alt="">
				<script>alert('x')</script>
				""".formatted(customer, address, customer).replace("\n", "\r\n");
		service.deliver(new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));

		Fixtures.Person admin = fixtures.person("administrator");
		signIn(admin.username());
		page.navigate(url("/admin/mailboxes"));
		page.locator("#mb-name").fill("售后邮箱");
		page.locator("#mb-address").fill(address);
		page.locator("#mb-imap-host").fill("127.0.0.1");
		page.locator("#mb-imap-port").fill(String.valueOf(greenMail.getImap().getPort()));
		page.locator("#mb-imap-sec").selectOption("none");
		page.locator("#mb-imap-user").fill(address);
		page.locator("#mb-imap-pw").fill("mail-secret");
		page.locator("#mb-smtp-host").fill("127.0.0.1");
		page.locator("#mb-smtp-port").fill(String.valueOf(greenMail.getSmtp().getPort()));
		page.locator("#mb-smtp-sec").selectOption("none");
		page.locator("#mailbox-form button[type=submit]").click();
		assertThat(page.locator("#mailboxes-table")).containsText(address);
		page.locator("#mailboxes-table tr", new com.microsoft.playwright.Page.LocatorOptions().setHasText(address))
			.locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("测试")).click();
		assertThat(page.locator("#mailbox-check")).containsText("连接成功");
		page.locator("#mailboxes-table tr", new com.microsoft.playwright.Page.LocatorOptions().setHasText(address))
			.locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("立即收信")).click();
		assertThat(page.locator("#mailbox-fetched")).containsText("新收到 1 封邮件");
		screenshot("20-mailboxes-zh");
		assertThat(page.content()).doesNotContain("mail-secret");

		long number = jdbc.sql("""
				select t.number from mail_message m join ticket t on t.id = m.ticket_id where m.message_id = ?""")
			.param("browser-" + customer).query(Long.class).single();
		Fixtures.Person agent = fixtures.person("agent");
		context.clearCookies();
		signIn(agent.username());
		page.navigate(url("/tickets/" + number));
		assertThat(page.locator("#thread")).containsText("滚筒洗衣机漏水");
		assertThat(page.locator("#mail-card")).containsText("洗衣机漏水");
		page.locator("#mail-card details.mail-html summary").click();
		assertThat(page.locator("#mail-card")).containsText("已拦截 1 张外部图片");
		var frame = page.frameLocator("#mail-card iframe");
		assertThat(frame.locator("b")).hasText("滚筒洗衣机");
		assertThat(frame.locator("script")).hasCount(0);
		assertThat(frame.locator("a")).hasAttribute("href", "https://shop.example/o/DD20261201");

		page.locator("#body").fill("您好，已安排师傅明天上门检修。");
		page.locator("#send-reply").click();
		assertThat(page.locator("#thread")).containsText("明天上门检修");
		// the outbox sends within seconds: the acknowledgement and the answer both reach the mail server
		for (int i = 0; i < 40 && page.locator("#mail-card .mail-item[data-status=sent]").count() < 2; i++) {
			page.waitForTimeout(500);
			page.reload();
			page.locator("#mail-card").waitFor();
		}
		assertThat(page.locator("#mail-card .mail-item[data-status=sent]")).hasCount(2);
		page.locator("#mail-card details.mail-html summary").click();
		assertThat(page.frameLocator("#mail-card iframe").locator("b")).hasText("滚筒洗衣机");
		screenshot("21-ticket-mail-zh");
		assertThat(greenMail.getReceivedMessages()).anySatisfy(m -> {
			try {
				assertThat(m.getSubject()).isEqualTo("Re: 洗衣机漏水 [#" + number + "]");
				assertThat(m.getContent().toString()).contains("明天上门检修");
			}
			catch (Exception e) {
				throw new AssertionError(e);
			}
		});

		page.locator("#switch-language").click();
		assertThat(page.locator("#mail-card")).containsText("delivered to the mail server");
		page.locator("#mail-card details.mail-html summary").click();
		assertThat(page.frameLocator("#mail-card iframe").locator("b")).hasText("滚筒洗衣机");
		screenshot("22-ticket-mail-en");
		// the only refusal the browser reports is the tracking image the mail frame blocks on purpose
		assertThat(consoleErrors).allMatch(error -> error.contains("tracker.example"), "only the blocked remote image");
	}
}
