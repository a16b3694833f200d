package org.kefu.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.account.AccountId;
import org.kefu.account.AccountKind;
import org.kefu.account.Accounts;
import org.kefu.account.NewAccount;
import org.kefu.notification.Notifications;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.support.WebSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The hand-over to operations waits until every step of the launch checklist is done. */
@KefuTest
@Tag("api")
class OnboardingTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Notifications notifications;

	private List<String> missing(Api.Response refused) {
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		return refused.json().get("missing").valueStream().map(n -> n.asString()).toList();
	}

	@Test
	void aKeyAccountIsFollowedThreeMonthsWithNotesInEachBeforeItCanBeHandedOver() {
		Fixtures.Person manager = fixtures.person("account_manager");
		Fixtures.Person operations = fixtures.person("operations_manager");
		String name = Fixtures.unique("万家乐");
		AccountId account = accounts.create(new NewAccount(name, null, AccountKind.BOTH, null, null), Actor.system());
		accounts.assign(account, Map.of(manager.id(), "manager"), Actor.system());
		accounts.grade(account, 1, true);
		Api api = Api.at(port).as(fixtures.tokenFor(manager));

		Api.Response opened = api.post("/api/v1/accounts/" + account.value() + "/onboardings", Map.of("title", "佛山仓储配送"));
		assertThat(opened.status()).as(opened.body()).isEqualTo(201);
		assertThat(opened.json().get("followUpMonths").asInt()).isEqualTo(3);
		String base = "/api/v1/onboardings/" + opened.json().get("id").asLong();
		Map<String, String> handOver = Map.of("to", "运作部 华南组");

		assertThat(missing(api.post(base + "/hand-over", handOver)))
			.containsExactly("launch_notice", "requirements", "training", "follow_up");

		long before = notifications.unread(operations.id().value());
		assertThat(api.post(base + "/launch-notice", Map.of("launchOn", "2026-08-03")).status()).isEqualTo(200);
		assertThat(notifications.unread(operations.id().value())).as("operations is told").isGreaterThan(before);
		assertThat(api.put(base + "/requirements", Map.of("text", "每日 17:30 前汇总订单计划；托盘包装；签收单三日内返回。"))
			.status()).isEqualTo(200);
		assertThat(api.post(base + "/training", Map.of("on", "2026-07-30", "score", 70, "trainees", "华南组 6 人"))
			.json().get("steps").get(2).get("done").asBoolean()).as("70 is below the pass mark").isFalse();
		api.post(base + "/training", Map.of("on", "2026-07-31", "score", 92, "trainees", "华南组 6 人"));
		api.post(base + "/notes", Map.of("on", "2026-08-05", "text", "首周提货准时，签收单回传慢"));
		api.post(base + "/notes", Map.of("on", "2026-09-10", "text", "签收单已按时回传"));

		Api.Response stillMissing = api.post(base + "/hand-over", handOver);
		assertThat(missing(stillMissing)).containsExactly("follow_up");
		assertThat(stillMissing.json().get("detail").asString()).contains("1 step");
		assertThat(api.get(base).json().get("steps").get(3).get("args").get(1).asString()).startsWith("2026-10-03");

		api.post(base + "/notes", Map.of("on", "2026-10-15", "text", "运作稳定，准备移交"));
		Api.Response handed = api.post(base + "/hand-over", handOver);
		assertThat(handed.status()).as(handed.body()).isEqualTo(200);
		assertThat(handed.json().get("status").asString()).isEqualTo("handed_over");
		assertThat(api.post(base + "/notes", Map.of("on", "2026-10-16", "text", "x")).status()).isEqualTo(409);

		assertThat(Api.at(port).as(fixtures.tokenFor(fixtures.person("account_manager"))).get(base).status())
			.isEqualTo(404);
		WebSession page = WebSession.signIn(port, manager.username(), Fixtures.PASSWORD, "zh-CN");
		assertThat(page.get(base.replace("/api/v1/onboardings", "/onboarding")).body()).contains("已移交").contains("佛山仓储配送");
	}

	@Test
	void anOrdinaryAccountIsFollowedOneMonthAndTheChecklistPageSaysWhatIsMissing() {
		Fixtures.Person manager = fixtures.person("account_manager");
		AccountId account = accounts.create(new NewAccount(Fixtures.unique("小件快运"), null, AccountKind.SHIPPER, null,
				null), Actor.system());
		accounts.assign(account, Map.of(manager.id(), "manager"), Actor.system());
		Api api = Api.at(port).as(fixtures.tokenFor(manager));
		Api.Response opened = api.post("/api/v1/accounts/" + account.value() + "/onboardings", Map.of("title", "同城配送"));
		assertThat(opened.json().get("followUpMonths").asInt()).isEqualTo(1);
		long id = opened.json().get("id").asLong();
		assertThat(api.post("/api/v1/onboardings/" + id + "/training", Map.of("on", "2026-07-31", "score", 101))
			.status()).isEqualTo(400);
		assertThat(api.post("/api/v1/onboardings/" + id + "/notes", Map.of("on", "2099-01-01", "text", "x")).status())
			.isEqualTo(400);
		String page = WebSession.signIn(port, manager.username(), Fixtures.PASSWORD, "en").get("/onboarding/" + id).body();
		assertThat(page).contains("Operations has not been told yet").contains("1 month(s)");
	}
}
