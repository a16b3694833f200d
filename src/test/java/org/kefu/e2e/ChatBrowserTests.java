package org.kefu.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.reply.SavedReplies;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.ticket.Tickets;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A shop on another site embeds the chat widget with one script tag; a visitor chats with an agent
 * in the console, live both ways; the visitor's network drops while they send, and the message
 * arrives once when it comes back; the agent answers with a saved reply typed as /shortcut; the
 * visitor sends a photo both see; the agent ends the chat and its transcript, with the photo, is on
 * the ticket.
 */
@KefuTest
@Tag("browser")
class ChatBrowserTests extends BrowserTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Tickets tickets;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SavedReplies replies;

	/** A small picture: 8×8 pixels of red. */
	static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC";

	HttpServer shop;

	@Override
	String locale() {
		return "zh-CN";
	}

	@BeforeEach
	void shop() throws Exception {
		jdbc.sql("update chat_session set status = 'ended' where status <> 'ended'").update();
		// this visitor goes straight to a person (the bot's part is KnowledgeBrowserTests')
		jdbc.sql("update bot_setting set enabled = false").update();
		shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		shop.createContext("/", exchange -> {
			String lang = exchange.getRequestURI().getQuery() != null && exchange.getRequestURI().getQuery().contains("en")
					? "en" : "zh-CN";
			byte[] html = """
					<!DOCTYPE html><html><head><meta charset="utf-8"><title>优品商城</title></head>
					<body style="font-family:sans-serif"><h1>优品商城</h1><p>滚筒洗衣机 WG54 · ¥2999</p>
					<script src="http://127.0.0.1:%d/chat/widget.js" data-color="#c0392b" data-lang="%s" async></script>
					</body></html>""".formatted(port, lang).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, html.length);
			exchange.getResponseBody().write(html);
			exchange.close();
		});
		shop.start();
	}

	@AfterEach
	void closeShop() {
		shop.stop(0);
		jdbc.sql("update bot_setting set enabled = true").update();
	}

	@Test
	void aVisitorOnAnotherSiteChatsWithAnAgentLiveAndNothingIsLostWhenTheNetworkDrops() {
		Fixtures.Person agent = fixtures.person("agent");
		String shortcut = Fixtures.unique("photo").toLowerCase();
		replies.create(new SavedReplies.SavedReplyForm("请拍照", shortcut, "{{customer.name}}您好，我是{{agent.name}}，请把破损处拍照发给我。",
				false, null), agent.actor(), false);
		signIn(agent.username());
		page.navigate(url("/chat/console"));
		assertThat(page.locator("#chat-queue")).containsText("排队中");

		BrowserContext visitorContext = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
			.setViewportSize(1000, 760));
		Page site = visitorContext.newPage();
		site.navigate("http://127.0.0.1:" + shop.getAddress().getPort() + "/");
		site.locator("#kefu-chat-button").click();
		FrameLocator chat = site.frameLocator("#kefu-chat-frame");
		chat.locator("#chat-start [name=name]").fill("周敏");
		chat.locator("#chat-start [name=text]").fill("洗衣机漏水，订单 DD20261204");
		chat.locator("#chat-start button[type=submit]").click();
		assertThat(chat.locator("#chat-status")).containsText("排第 1 位");

		// the waiting chat reaches the agent live; the agent takes it
		Locator take = page.locator("#chat-queue .chat-accept");
		assertThat(take).hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(15_000));
		take.click();
		assertThat(page.locator("#chat-messages")).containsText("洗衣机漏水");
		assertThat(chat.locator("#chat-log")).containsText("已接入");

		page.locator("#chat-reply [name=text]").fill("您好，请问漏水是从哪个位置？");
		page.locator("#chat-reply [name=text]").press("Enter");
		assertThat(chat.locator("#chat-log")).containsText("请问漏水是从哪个位置");
		assertThat(page.locator("#chat-messages .chat-line.agent", new Page.LocatorOptions().setHasText("请问漏水是从哪个位置")))
			.hasCount(1);
		assertThat(page.locator("#chat-messages .chat-line.pending")).hasCount(0);

		// a saved reply typed as /shortcut, filled in with the customer's and the agent's names
		page.locator("#chat-reply [name=text]").pressSequentially("/" + shortcut);
		assertThat(page.locator(".saved-reply-popup .reply-choice")).hasCount(1);
		page.locator("#chat-reply [name=text]").press("Enter");
		assertThat(page.locator("#chat-reply [name=text]")).hasValue(java.util.regex.Pattern.compile("^周敏您好，我是.+，请把破损处拍照发给我。$"));
		page.locator("#chat-reply [name=text]").press("Enter");
		assertThat(chat.locator("#chat-log")).containsText("周敏您好，我是");

		// a photo from the visitor reaches the agent, shown as a picture on both sides
		chat.locator("#chat-file").setInputFiles(new com.microsoft.playwright.options.FilePayload("破损.png", "image/png",
				java.util.Base64.getDecoder().decode(PNG)));
		assertThat(page.locator("#chat-messages img.chat-thumb")).hasCount(1);
		assertThat(chat.locator("#chat-log img.chat-thumb")).hasCount(1);
		assertThat(page.locator("#chat-messages")).containsText("破损.png");

		// the visitor's network drops while they write; the message waits and goes when it is back
		visitorContext.setOffline(true);
		chat.locator("#chat-send [name=text]").fill("底部在漏水");
		chat.locator("#chat-send [name=text]").press("Enter");
		assertThat(chat.locator(".chat-line.visitor.pending, .chat-line.visitor.unsent")).hasCount(1);
		site.waitForTimeout(2500);
		visitorContext.setOffline(false);
		assertThat(page.locator("#chat-messages")).containsText("底部在漏水",
				new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
		assertThat(page.locator("#chat-messages .chat-line", new Page.LocatorOptions().setHasText("底部在漏水"))).hasCount(1);
		assertThat(chat.locator(".chat-line.visitor.pending, .chat-line.visitor.unsent")).hasCount(0);
		assertThat(chat.locator("#chat-status")).not().containsText("尚未发送");
		site.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("23-chat-widget-zh.png")));
		screenshot("24-chat-console-zh");

		page.locator("#chat-end-agent").click();
		assertThat(chat.locator("#chat-status")).containsText("对话已结束");
		long ticket = jdbc.sql("select ticket_id from chat_session where visitor_name = '周敏' order by id desc limit 1")
			.query(Long.class).single();
		var messages = tickets.detail(new org.kefu.ticket.TicketId(ticket)).messages();
		assertThat(messages.get(messages.size() - 1).body()).contains("洗衣机漏水", "请问漏水是从哪个位置", "底部在漏水",
				"[破损.png]");
		assertThat(messages.get(messages.size() - 1).attachments()).extracting(a -> a.filename()).containsExactly("破损.png");
		assertThat(jdbc.sql("select count(*) from chat_message m join chat_session s on s.id = m.session_id "
				+ "where s.ticket_id = ? and m.body = '底部在漏水'").param(ticket).query(Integer.class).single()).isEqualTo(1);

		page.locator("#switch-language").click();
		assertThat(page.locator("#chat-queue")).containsText("Waiting");
		screenshot("25-chat-console-en");
		Page english = visitorContext.newPage();
		english.navigate("http://127.0.0.1:" + shop.getAddress().getPort() + "/?lang=en");
		english.locator("#kefu-chat-button").click();
		assertThat(english.frameLocator("#kefu-chat-frame").locator("#chat-start button[type=submit]")).hasText("Start chat");
		assertThat(english.frameLocator("#kefu-chat-frame").locator("#chat-send")).isHidden();
		english.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("26-chat-widget-en.png")));
		visitorContext.close();

		// the same saved reply on the ticket page, picked from the list, filled for this ticket
		long number = tickets.summary(new org.kefu.ticket.TicketId(ticket)).number();
		page.navigate(url("/tickets/" + number));
		page.locator("#ticket-replies").click();
		page.locator(".saved-reply-search").fill(shortcut);
		assertThat(page.locator(".saved-reply-popup .reply-choice")).hasCount(1);
		page.locator(".saved-reply-popup .reply-choice").first().click();
		assertThat(page.locator("#body")).hasValue(java.util.regex.Pattern.compile("^周敏您好.*"));
		page.locator("#ticket-replies").click();
		page.locator(".saved-reply-search").fill(shortcut);
		assertThat(page.locator(".saved-reply-popup .reply-choice")).hasCount(1);
		screenshot("27-ticket-saved-replies-en");
		page.navigate(url("/replies"));
		assertThat(page.locator("#replies-table")).containsText("/" + shortcut);
		screenshot("28-saved-replies-en");
		page.locator("#switch-language").click();
		assertThat(page.locator("h1")).hasText("常用回复");
		screenshot("29-saved-replies-zh");
		assertThat(consoleErrors).as("no script or content-security-policy errors on the console").isEmpty();
	}
}
