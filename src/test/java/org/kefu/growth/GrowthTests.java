package org.kefu.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.account.AccountId;
import org.kefu.account.AccountKind;
import org.kefu.account.Accounts;
import org.kefu.account.NewAccount;
import org.kefu.account.Viewer;
import org.kefu.onboarding.Onboardings;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.support.WebSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** New business lines go through approval; their revenue counts towards their owner's target. */
@KefuTest
@Tag("api")
class GrowthTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Growth growth;

	@Autowired
	Onboardings onboardings;

	@Test
	void anApprovedLineOpensOnboardingAndItsRevenueCountsTowardsTheNextYearWhenStartedInNovember() {
		Fixtures.Person manager = fixtures.person("account_manager");
		Fixtures.Person other = fixtures.person("account_manager");
		Fixtures.Person head = fixtures.person("operations_manager");
		String name = Fixtures.unique("迅捷电商");
		AccountId account = accounts.create(new NewAccount(name, null, AccountKind.SHIPPER, null, null), Actor.system());
		accounts.assign(account, Map.of(manager.id(), "manager"), Actor.system());
		Api mine = Api.at(port).as(fixtures.tokenFor(manager));
		Api headApi = Api.at(port).as(fixtures.tokenFor(head));

		Api.Response proposed = mine.post("/api/v1/accounts/" + account.value() + "/business-lines", Map.of("name",
				"华南仓配一体", "expectedMonthlyRevenue", 25000, "startsOn", "2025-11-10"));
		assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
		long line = proposed.json().get("id").asLong();
		assertThat(proposed.json().get("status").asString()).isEqualTo("proposed");
		assertThat(proposed.json().get("countsFor").asInt()).isEqualTo(2026);

		assertThat(mine.post("/api/v1/business-lines/" + line + "/decision", Map.of("approve", true)).status())
			.as("the proposer cannot approve").isEqualTo(403);
		assertThat(mine.put("/api/v1/accounts/" + account.value() + "/months/2025-12",
				Map.of("lines", Map.of(String.valueOf(line), 1000))).status())
			.as("no figures before approval").isEqualTo(400);
		assertThat(headApi.get("/api/v1/business-lines").body()).contains("华南仓配一体");
		Api.Response approved = headApi.post("/api/v1/business-lines/" + line + "/decision",
				Map.of("approve", true, "note", "同意，注意报价报备"));
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
		assertThat(headApi.post("/api/v1/business-lines/" + line + "/decision", Map.of("approve", false)).status())
			.isEqualTo(409);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> onboardings.of(account, Viewer.system()).stream().anyMatch(o -> Long.valueOf(line).equals(o.businessLine())));

		for (String[] month : new String[][] { { "2025-11", "20000" }, { "2025-12", "20000" }, { "2026-01", "30000" } }) {
			Api.Response recorded = mine.put("/api/v1/accounts/" + account.value() + "/months/" + month[0],
					Map.of("existing", 400000, "lines", Map.of(String.valueOf(line), Integer.parseInt(month[1]))));
			assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
		}
		assertThat(mine.put("/api/v1/accounts/" + account.value() + "/months/" + YearMonth.from(growth.today()).plusMonths(2),
				Map.of("existing", 1)).status()).as("a month not begun").isEqualTo(400);
		assertThat(headApi.put("/api/v1/growth/targets/" + manager.id().value() + "/2026", Map.of("target", 100000))
			.status()).isEqualTo(200);

		List<Progress> progress2026 = growth.progress(2026, Viewer.system());
		assertThat(progress2026).filteredOn(p -> p.userId() == manager.id().value()).singleElement().satisfies(p -> {
			assertThat(p.achieved()).isEqualByComparingTo(new BigDecimal("70000"));
			assertThat(p.percent()).isEqualTo(70);
			assertThat(p.approvedLines()).isEqualTo(1);
		});
		assertThat(growth.progress(2025, Viewer.system())).noneMatch(p -> p.userId() == manager.id().value()
				&& p.achieved().signum() > 0);
		assertThat(growth.months(account, Viewer.system()).get(0).total()).isEqualByComparingTo("430000");

		Api.Response ownProgress = mine.get("/api/v1/growth/progress?year=2026");
		assertThat(ownProgress.json().size()).as("a manager sees their own progress only").isEqualTo(1);
		assertThat(Api.at(port).as(fixtures.tokenFor(other)).get("/api/v1/accounts/" + account.value()
				+ "/business-lines").status()).isEqualTo(404);
		assertThat(WebSession.signIn(port, head.username(), Fixtures.PASSWORD, "zh-CN").get("/growth?year=2026").body())
			.contains("70%");
		assertThat(WebSession.signIn(port, manager.username(), Fixtures.PASSWORD, "en")
			.get("/accounts/" + account.value() + "/growth").body()).contains("华南仓配一体").contains("counts for 2026");
	}
}
