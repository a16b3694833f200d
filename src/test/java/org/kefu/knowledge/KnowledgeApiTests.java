package org.kefu.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Knowledge managers write articles in Chinese and English; nobody publishes their own text; a
 * reviewer approves or sends back with a reason; every version is kept with its diff; the HTML is
 * made safe. Search finds articles by words inside them — Chinese segmented, English stemmed and
 * with a typo — and by synonyms the administrator keeps; the bot answers a known question asked
 * another way and refuses what it does not know.
 */
@KefuTest
@Tag("api")
class KnowledgeApiTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Articles articles;

	List<Long> created = new ArrayList<>();

	@AfterEach
	void archiveWhatWasWritten() {
		// the bot and search are shared by the whole suite: leave them as they were
		for (long id : created) {
			articles.archive(id, true, org.kefu.shared.Actor.system());
		}
	}

	long publish(Api writer, Api reviewer, Map<String, Object> article) {
		var response = writer.post("/api/v1/articles", article);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		long id = response.json().get("id").asLong();
		created.add(id);
		assertThat(writer.post("/api/v1/articles/" + id + "/submit", Map.of()).status()).isEqualTo(200);
		var approved = reviewer.post("/api/v1/articles/" + id + "/versions/1/approve", Map.of());
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
		return id;
	}

	@Test
	void anArticleIsReviewedByAnotherPersonBeforeItGoesLiveAndEveryVersionIsKept() {
		Api writer = Api.at(port).as(fixtures.tokenFor(fixtures.person("team_lead"))).header("Accept-Language", "en");
		Fixtures.Person trainer = fixtures.person("trainer");
		Api reviewer = Api.at(port).as(fixtures.tokenFor(trainer)).header("Accept-Language", "en");
		Api agent = Api.at(port).as(fixtures.tokenFor(fixtures.person("agent"))).header("Accept-Language", "zh-CN");

		var draft = writer.post("/api/v1/articles", Map.of("kind", "faq", "language", "zh-CN", "visibility", "public",
				"title", "电视机怎么预约安装？",
				"bodyHtml", "<p>收货后在订单里点<b>预约安装</b>。</p><script>alert(1)</script><img src=x onerror=alert(2)>",
				"phrasings", List.of("电视谁来装", "上门安装怎么约")));
		assertThat(draft.status()).as(draft.body()).isEqualTo(201);
		long id = draft.json().get("id").asLong();
		created.add(id);
		JsonNode article = draft.json();
		assertThat(article.get("latestStatus").asText()).isEqualTo("draft");
		assertThat(article.get("liveVersion").isNull()).isTrue();
		String html = writer.get("/api/v1/articles/" + id + "/versions").json().get(0).get("bodyHtml").asText();
		assertThat(html).contains("<b>预约安装</b>").doesNotContain("script").doesNotContain("onerror");

		// an agent may not write; nothing is live before review
		assertThat(agent.post("/api/v1/articles", Map.of("title", "x", "bodyHtml", "y")).status()).isEqualTo(403);
		assertThat(Api.at(port).get("/help/articles/" + id).status()).isEqualTo(404);

		// approving a draft that was not sent is refused; the reviewer sends a version back with a reason
		assertThat(reviewer.post("/api/v1/articles/" + id + "/versions/1/approve", Map.of()).status()).isEqualTo(409);
		writer.post("/api/v1/articles/" + id + "/submit", Map.of());
		var noReason = reviewer.post("/api/v1/articles/" + id + "/versions/1/reject", Map.of("note", " "));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().get("detail").asText()).contains("why");
		assertThat(reviewer.post("/api/v1/articles/" + id + "/versions/1/reject", Map.of("note", "写清楚安装要多久"))
			.json().get("latestStatus").asText()).isEqualTo("rejected");

		// the writer fixes it: a new version; the writer's own approval is refused
		var edited = writer.put("/api/v1/articles/" + id, Map.of("kind", "faq", "language", "zh-CN", "visibility", "public",
				"title", "电视机怎么预约安装？", "bodyHtml", "<p>收货后在订单里点<b>预约安装</b>，师傅 48 小时内上门。</p>",
				"phrasings", List.of("电视谁来装", "上门安装怎么约")));
		assertThat(edited.json().get("latestVersion").asInt()).isEqualTo(2);
		writer.post("/api/v1/articles/" + id + "/submit", Map.of());
		Fixtures.Person publisher = fixtures.person("trainer");
		Api self = Api.at(port).as(fixtures.tokenFor(publisher)).header("Accept-Language", "en");
		var selfWritten = self.put("/api/v1/articles/" + id, Map.of("title", "x", "bodyHtml", "<p>y</p>"));
		assertThat(selfWritten.status()).isEqualTo(409);
		assertThat(selfWritten.json().get("title").asText()).isEqualTo("In review");

		var live = reviewer.post("/api/v1/articles/" + id + "/versions/2/approve", Map.of());
		assertThat(live.json().get("liveVersion").asInt()).isEqualTo(2);
		assertThat(Api.at(port).get("/help/articles/" + id).body()).contains("48 小时内上门");

		// the diff shows what changed from the version sent back
		List<String> diff = new ArrayList<>();
		writer.get("/api/v1/articles/" + id + "/diff?from=1&to=2").json()
			.forEach(l -> diff.add(l.get("kind").asText() + l.get("text").asText()));
		assertThat(diff).contains("-收货后在订单里点预约安装。", "+收货后在订单里点预约安装，师傅 48 小时内上门。");

		// editing a live article starts a new draft; the live text stays until it is approved
		writer.put("/api/v1/articles/" + id, Map.of("kind", "faq", "language", "zh-CN", "visibility", "public",
				"title", "电视机怎么预约安装？", "bodyHtml", "<p>改成 24 小时内上门。</p>"));
		assertThat(Api.at(port).get("/help/articles/" + id).body()).contains("48 小时内上门").doesNotContain("24 小时");
		List<String> statuses = new ArrayList<>();
		writer.get("/api/v1/articles/" + id + "/versions").json().forEach(v -> statuses.add(v.get("status").asText()));
		assertThat(statuses).containsExactly("draft", "published", "rejected");

		// a reviewer who wrote a version cannot approve it
		Fixtures.Person other = fixtures.person("trainer");
		Api otherApi = Api.at(port).as(fixtures.tokenFor(other)).header("Accept-Language", "en");
		var own = otherApi.post("/api/v1/articles", Map.of("title", "Own text", "bodyHtml", "<p>mine</p>", "language", "en"));
		long ownId = own.json().get("id").asLong();
		created.add(ownId);
		otherApi.post("/api/v1/articles/" + ownId + "/submit", Map.of());
		var refused = otherApi.post("/api/v1/articles/" + ownId + "/versions/1/approve", Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("detail").asText()).contains("another person");
	}

	@Test
	void searchFindsChineseAndEnglishWordsInsideArticlesTyposAndSynonyms() {
		Api writer = Api.at(port).as(fixtures.tokenFor(fixtures.person("team_lead"))).header("Accept-Language", "en");
		Api reviewer = Api.at(port).as(fixtures.tokenFor(fixtures.person("trainer"))).header("Accept-Language", "en");
		String mark = Fixtures.unique("z").replaceAll("[^a-z0-9]", "");
		long chinese = publish(writer, reviewer, Map.of("language", "zh-CN", "title", "保价服务说明 " + mark,
				"bodyHtml", "<p>购买后三十天内降价，可以申请价格保护，差额退款到原支付账户。</p>"));
		long english = publish(writer, reviewer, Map.of("language", "en", "title", "Warranty registration " + mark,
				"bodyHtml", "<p>Register your appliances within 30 days to extend the warranty by one year.</p>"));
		long internal = publish(writer, reviewer, Map.of("language", "zh-CN", "visibility", "internal",
				"title", "内部：保价审批权限 " + mark, "bodyHtml", "<p>价格保护超过五百元需要主管审批。</p>"));

		// Chinese words inside the text (segmented), with the hit marked
		JsonNode hits = writer.get("/api/v1/articles/search?q=" + Api.query("价格保护 " + mark)).json();
		assertThat(ids(hits)).contains(chinese, internal);
		assertThat(first(hits, chinese).get("snippetHtml").asText()).contains("<mark>");
		// English by a word inside, in another form (stemmed) and with a typo
		assertThat(ids(writer.get("/api/v1/articles/search?q=" + Api.query("appliance " + mark)).json())).contains(english);
		assertThat(ids(writer.get("/api/v1/articles/search?q=" + Api.query("registering " + mark)).json())).contains(english);
		assertThat(ids(writer.get("/api/v1/articles/search?q=" + Api.query("warrenty " + mark)).json())).contains(english);

		// a synonym the administrator adds: 差价返还 means 价格保护
		assertThat(ids(writer.get("/api/v1/articles/search?q=" + Api.query("差价返还 " + mark)).json())).doesNotContain(chinese);
		Api admin = Api.at(port).as(fixtures.tokenFor(fixtures.person("administrator")));
		List<List<String>> groups = new ArrayList<>();
		admin.get("/api/v1/kb/synonyms").json().get("groups").forEach(g -> {
			List<String> words = new ArrayList<>();
			g.forEach(w -> words.add(w.asText()));
			groups.add(words);
		});
		groups.add(List.of("价格保护", "差价返还"));
		assertThat(admin.put("/api/v1/kb/synonyms", Map.of("groups", groups)).status()).isEqualTo(200);
		assertThat(ids(writer.get("/api/v1/articles/search?q=" + Api.query("差价返还 " + mark)).json())).contains(chinese);

		// the public help center never shows the internal one
		String page = Api.at(port).header("Accept-Language", "zh-CN").get("/help/search?q=" + Api.query("价格保护 " + mark)).body();
		assertThat(page).contains("保价服务说明").doesNotContain("内部：保价审批权限");
		assertThat(Api.at(port).get("/help/articles/" + internal).status()).isEqualTo(404);

		var bad = admin.header("Accept-Language", "en").put("/api/v1/kb/synonyms", Map.of("groups", List.of(List.of("孤单"))));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("detail").asText()).contains("Line 1");
	}

	@Test
	void theBotAnswersAKnownQuestionAskedAnotherWayAndRefusesWhatItDoesNotKnow() {
		Api writer = Api.at(port).as(fixtures.tokenFor(fixtures.person("team_lead"))).header("Accept-Language", "en");
		Api reviewer = Api.at(port).as(fixtures.tokenFor(fixtures.person("trainer"))).header("Accept-Language", "en");
		long id = publish(writer, reviewer, Map.of("kind", "faq", "language", "zh-CN", "title", "以旧换新怎么参加？",
				"bodyHtml", "<p>在商品页选择“以旧换新”，师傅上门回收旧机，补贴直接抵扣货款。</p>",
				"phrasings", List.of("旧家电可以换新的吗", "旧冰箱回收抵钱")));
		Api api = Api.at(port).as(fixtures.tokenFor(fixtures.person("agent")));

		JsonNode known = api.post("/api/v1/bot/ask", Map.of("question", "我家的旧冰箱能回收抵钱吗")).json();
		assertThat(known.get("answered").asBoolean()).as(known.toString()).isTrue();
		assertThat(known.get("articleId").asLong()).isEqualTo(id);
		assertThat(known.get("answer").asText()).contains("以旧换新");
		assertThat(known.get("confidence").asDouble()).isGreaterThanOrEqualTo(known.get("threshold").asDouble());

		JsonNode unknown = api.post("/api/v1/bot/ask", Map.of("question", "明天上海会下雨吗")).json();
		assertThat(unknown.get("answered").asBoolean()).as(unknown.toString()).isFalse();
		assertThat(unknown.has("answer") && !unknown.get("answer").isNull()).isFalse();

		// the public endpoint is the same bot; bad questions are refused in the asker's language
		var empty = Api.at(port).header("Accept-Language", "zh-CN").post("/bot/ask", Map.of("question", " "));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().get("detail").asText()).contains("请输入问题");

		// an archived article is no longer answered
		assertThat(writer.post("/api/v1/articles/" + id + "/archive", Map.of()).status()).isEqualTo(403);
		assertThat(reviewer.post("/api/v1/articles/" + id + "/archive", Map.of()).status()).isEqualTo(200);
		JsonNode after = api.post("/api/v1/bot/ask", Map.of("question", "我家的旧冰箱能回收抵钱吗")).json();
		assertThat(after.get("answered").asBoolean() && after.get("articleId").asLong() == id).isFalse();

		// what it could not answer is on the learning list
		JsonNode groups = reviewer.get("/api/v1/bot/learning").json();
		List<String> questions = new ArrayList<>();
		groups.forEach(g -> g.get("examples").forEach(e -> questions.add(e.asText())));
		assertThat(questions).contains("明天上海会下雨吗");
	}

	static List<Long> ids(JsonNode hits) {
		List<Long> ids = new ArrayList<>();
		hits.forEach(h -> ids.add(h.get("id").asLong()));
		return ids;
	}

	static JsonNode first(JsonNode hits, long id) {
		for (JsonNode h : hits) {
			if (h.get("id").asLong() == id) {
				return h;
			}
		}
		throw new AssertionError("no hit " + id);
	}
}
