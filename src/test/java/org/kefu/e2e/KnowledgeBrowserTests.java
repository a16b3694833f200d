package org.kefu.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.knowledge.Articles;
import org.kefu.knowledge.Articles.ArticleInput;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.ticket.TicketDetail.MessageView;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.Visibility;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A customer asks the chat widget: the bot answers a common question with the right article (how
 * fast is measured by bench/knowledge.sh), says it is not sure about another and hands over — the agent's ticket holds
 * the whole bot conversation and its guesses. The help center finds and shows articles in both
 * languages, with "was this helpful". A writer writes in the editor, a reviewer approves and reads
 * the diff. An agent sees suggested answers on a ticket and inserts one into the reply.
 */
@KefuTest
@Tag("browser")
class KnowledgeBrowserTests extends BrowserTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Articles articles;

	@Autowired
	Tickets tickets;

	@Autowired
	JdbcClient jdbc;

	final List<Long> created = new ArrayList<>();

	@Override
	String locale() {
		return "zh-CN";
	}

	@BeforeEach
	void knowledge() {
		jdbc.sql("update bot_setting set enabled = true, threshold = 0.62").update();
		jdbc.sql("update chat_session set status = 'ended' where status <> 'ended'").update();
		Fixtures.Person writer = fixtures.person("team_lead");
		Fixtures.Person reviewer = fixtures.person("trainer");
		publish(writer, reviewer, "zh-CN", "public", "洗衣机的延保怎么买？",
				"<p>在订单详情里点<strong>购买延保</strong>，可选一年或三年，签收后 30 天内都能买。</p>",
				List.of("延长保修在哪里买", "洗衣机保修能延长吗"));
		publish(writer, reviewer, "en", "public", "How do I extend the warranty?",
				"<p>Open the order and choose <strong>Buy extended warranty</strong>: one or three years, within 30 days of delivery.</p>",
				List.of("longer warranty", "warranty extension"));
		publish(writer, reviewer, "zh-CN", "internal", "【内部】延保退订流程",
				"<p>延保签收 30 天内可全额退订；超过 30 天按剩余月份退。退订在售后系统里操作。</p>",
				List.of("客户要退延保"));
	}

	@AfterEach
	void tidy() {
		created.forEach(id -> articles.archive(id, true, org.kefu.shared.Actor.system()));
	}

	private long publish(Fixtures.Person writer, Fixtures.Person reviewer, String language, String visibility,
			String title, String html, List<String> phrasings) {
		long id = articles.create(new ArticleInput("faq", language, null, visibility, null, null, title, html, phrasings),
				writer.actor());
		articles.submit(id, writer.actor());
		articles.approve(id, 1, reviewer.actor());
		created.add(id);
		return id;
	}

	@Test
	void theChatBotAnswersACommonQuestionAndHandsAnotherOverWithTheConversation() {
		Fixtures.Person agent = fixtures.person("agent");
		signIn(agent.username());
		page.navigate(url("/chat/console"));

		BrowserContext visitorContext = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
			.setViewportSize(420, 640));
		Page chat = visitorContext.newPage();
		List<String> visitorErrors = new ArrayList<>();
		chat.onConsoleMessage(m -> {
			if ("error".equals(m.type())) {
				visitorErrors.add(m.text());
			}
		});
		chat.navigate(url("/chat/embed?lang=zh-CN"));
		chat.locator("#chat-start [name=name]").fill("韩梅");
		chat.locator("#chat-start [name=text]").fill("我的洗衣机保修能不能延长？");
		chat.locator("#chat-start button[type=submit]").click();
		assertThat(chat.locator("#chat-log [data-bot=answer]")).containsText("洗衣机的延保怎么买？");
		assertThat(chat.locator("#chat-log [data-bot=answer]")).containsText("购买延保");
		chat.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("53-chat-bot-answer-zh.png")));

		// something it does not know: it says so and offers a person
		chat.locator("#chat-start [name=text]").fill("你们门店周末几点关门？");
		chat.locator("#chat-start button[type=submit]").click();
		assertThat(chat.locator("#chat-log [data-bot=unsure]")).containsText("不太确定");
		chat.locator("#chat-log [data-bot=unsure] .bot-human").click();
		assertThat(chat.locator("#chat-status")).containsText("排第");
		chat.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("54-chat-bot-handover-zh.png")));

		// the agent's ticket holds the conversation and the bot's guesses, as an internal note
		long ticket = jdbc.sql("select ticket_id from chat_session where visitor_name = '韩梅' order by id desc limit 1")
			.query(Long.class).single();
		List<MessageView> messages = tickets.detail(new TicketId(ticket)).messages();
		MessageView note = messages.stream().filter(m -> m.visibility() == Visibility.INTERNAL).findFirst().orElseThrow();
		assertThat(note.body()).contains("我的洗衣机保修能不能延长？", "洗衣机的延保怎么买？", "你们门店周末几点关门？", "不确定");
		assertThat(messages.stream().anyMatch(m -> m.body().contains("我的洗衣机保修能不能延长？")
				&& m.visibility() == Visibility.PUBLIC)).isTrue();
		assertThat(jdbc.sql("select count(*) from bot_question where ticket_id = ? and outcome = 'handed_over'").param(ticket)
			.query(Long.class).single()).isEqualTo(2);
		assertThat(page.locator("#chat-queue")).containsText("韩梅");
		assertThat(visitorErrors).isEmpty();
		visitorContext.close();

		// on the ticket page the agent sees suggested answers (internal ones too) and inserts one
		long number = tickets.summary(new TicketId(ticket)).number();
		page.navigate(url("/tickets/" + number));
		assertThat(page.locator("#assist-list")).containsText("洗衣机的延保怎么买？");
		page.locator("#assist-list [data-assist-insert]").first().click();
		assertThat(page.locator("#body")).hasValue(java.util.regex.Pattern.compile("延保|保修"));
		screenshot("55-ticket-assist-zh");
		assertThat(consoleErrors).isEmpty();
		// leave no waiting work behind for the routing tests
		tickets.change(new TicketId(ticket), org.kefu.ticket.TicketChange.status(org.kefu.ticket.TicketStatus.SOLVED),
				agent.actor());
	}

	@Test
	void theHelpCenterFindsArticlesInBothLanguagesAndAsksIfTheyHelped() {
		page.navigate(url("/help/search?q=" + java.net.URLEncoder.encode("延保", java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(page).hasTitle(java.util.regex.Pattern.compile("延保.*帮助中心"));
		assertThat(page.locator("#help-results")).containsText("洗衣机的延保怎么买？");
		assertThat(page.locator("#help-results mark").first()).isVisible();
		assertThat(page.locator("#help-results")).not().containsText("延保退订流程");
		screenshot("56-help-search-zh");
		page.locator("#help-results a").first().click();
		assertThat(page.locator("#help-article-title")).hasText("洗衣机的延保怎么买？");
		page.locator("#help-yes").click();
		assertThat(page.locator("#help-voted")).containsText("谢谢");

		// the question box on the page asks the bot
		page.navigate(url("/help?lang=en"));
		page.locator("#help-bot-q").fill("How can I extend my warranty?");
		page.locator("#help-bot-ask").click();
		assertThat(page.locator("#help-bot-answer")).containsText("How do I extend the warranty?");
		screenshot("57-help-home-en");
		page.navigate(url("/help/search?q=warrenty"));
		assertThat(page.locator("#help-results")).containsText("How do I extend the warranty?");
		assertThat(consoleErrors).isEmpty();
	}

	@Test
	void aWriterWritesInTheEditorAndAReviewerApprovesAfterReadingTheChanges() {
		Fixtures.Person writer = fixtures.person("team_lead");
		signIn(writer.username());
		page.navigate(url("/knowledge/new"));
		page.locator("#kb-title").fill("烘干机可以烘羽绒服吗？");
		page.locator("#kb-editor").click();
		page.keyboard().type("可以，请选择");
		page.locator(".kb-toolbar [data-cmd=bold]").click();
		page.keyboard().type("羽绒模式");
		page.locator(".kb-toolbar [data-cmd=bold]").click();
		page.keyboard().type("，温度不超过 50 度。");
		page.locator("#kb-phrasings").fill("羽绒服能烘干吗\n烘干机烘羽绒");
		screenshot("58-kb-editor-zh");
		page.locator("#kb-save-submit").click();
		assertThat(page.locator("#kb-latest-status")).hasText("审核中");
		String path = page.url().substring(page.url().indexOf("/knowledge/"));
		long id = Long.parseLong(path.substring("/knowledge/".length()));
		created.add(id);
		assertThat(page.locator("#kb-latest .kb-body b, #kb-latest .kb-body strong")).hasText("羽绒模式");

		Fixtures.Person reviewer = fixtures.person("trainer");
		page.navigate("about:blank");
		page.context().clearCookies();
		signIn(reviewer.username());
		page.navigate(url("/knowledge/review"));
		assertThat(page.locator("#kb-review-list")).containsText("烘干机可以烘羽绒服吗？");
		page.navigate(url(path));
		page.locator("#kb-reject-note").fill("请写清楚要不要翻面");
		page.locator("#kb-reject").click();
		assertThat(page.locator("#kb-rejected")).containsText("请写清楚要不要翻面");

		page.navigate("about:blank");
		page.context().clearCookies();
		signIn(writer.username());
		page.navigate(url(path + "/edit"));
		page.locator("#kb-editor").click();
		page.keyboard().press("End");
		page.keyboard().type("烘到一半翻面一次。");
		page.locator("#kb-save-submit").click();
		assertThat(page.locator("#kb-latest-status")).hasText("审核中");

		page.navigate("about:blank");
		page.context().clearCookies();
		signIn(reviewer.username());
		page.navigate(url(path + "/diff?from=1&to=2"));
		assertThat(page.locator("#kb-diff-lines .diff-add")).containsText("翻面一次");
		screenshot("59-kb-diff-zh");
		page.navigate(url(path));
		page.locator("#kb-approve").click();
		assertThat(page.locator("#kb-latest-status")).hasText("已发布");
		page.locator("#switch-language").click();
		assertThat(page.locator("#kb-latest-status")).hasText("Published");
		screenshot("60-kb-article-en");
		page.navigate(url("/help/articles/" + id));
		assertThat(page.locator("#help-article-body")).containsText("翻面一次");
		assertThat(consoleErrors).isEmpty();
	}
}
