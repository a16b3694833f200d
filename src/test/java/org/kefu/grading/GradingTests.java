package org.kefu.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.account.AccountId;
import org.kefu.account.AccountKind;
import org.kefu.account.Accounts;
import org.kefu.account.NewAccount;
import org.kefu.account.Viewer;
import org.kefu.notification.Notifications;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.support.WebSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Grading by weighted ranks, with reasons and history, every quarter once and on demand. */
@KefuTest
@Tag("api")
class GradingTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Grading grading;

	@Autowired
	QuarterlyGrading quarterly;

	@Autowired
	Notifications notifications;

	private AccountId account(String name, Fixtures.Person manager) {
		AccountId id = accounts.create(new NewAccount(Fixtures.unique(name), null, AccountKind.SHIPPER, null, null),
				Actor.system());
		accounts.assign(id, Map.of(manager.id(), "manager"), Actor.system());
		return id;
	}

	private void figures(AccountId account, Quarter period, String revenue, String margin, int difficulty, String staff,
			String punctuality) {
		grading.record(account, period, new Metrics(new BigDecimal(revenue), new BigDecimal(margin), difficulty,
				new BigDecimal(staff), new BigDecimal(punctuality)), Viewer.system(), Actor.system());
	}

	private GradeView gradeOf(List<GradeView> grades, AccountId account) {
		return grades.stream().filter(g -> g.account().equals(account)).findFirst().orElseThrow();
	}

	@Test
	void accountsAreGradedByWeightedRankWithReasonsAndKeyAccountsFlagged() {
		Fixtures.Person manager = fixtures.person("account_manager");
		Quarter period = new Quarter(2039, 1);
		AccountId big = account("大客户", manager);
		AccountId middle = account("中等客户", manager);
		AccountId small = account("小客户", manager);
		figures(big, period, "3200000", "18", 2, "4", "98");
		figures(middle, period, "900000", "12", 3, "6", "90");
		figures(small, period, "150000", "5", 5, "9", "60");

		List<GradeView> grades = grading.grade(period, "on_demand", Actor.system());

		assertThat(grades).hasSize(3);
		assertThat(gradeOf(grades, big).tier()).isEqualTo(1);
		assertThat(gradeOf(grades, big).score()).isEqualTo(100.0);
		assertThat(gradeOf(grades, middle).tier()).as("score 50: between the grade 3 and grade 2 lines").isEqualTo(3);
		assertThat(gradeOf(grades, small).tier()).isEqualTo(4);
		assertThat(gradeOf(grades, small).reasons()).anySatisfy(r -> {
			assertThat(r.criterion()).isEqualTo("revenue");
			assertThat(r.value()).isEqualTo("150,000");
			assertThat(r.rank()).isEqualTo(3);
			assertThat(r.of()).isEqualTo(3);
			assertThat(r.weight()).isEqualTo(35.0);
		});
		assertThat(accounts.get(big, Viewer.system()).tier()).isEqualTo(1);
		assertThat(accounts.get(big, Viewer.system()).keyAccount()).isTrue();
		assertThat(accounts.get(small, Viewer.system()).keyAccount()).isFalse();
		assertThat(grading.policyOf(big)).get().satisfies(p -> assertThat(p.keyAccount()).isTrue());

		GradingPolicy before = grading.policy();
		try {
			Map<Criterion, BigDecimal> onlyPunctuality = new EnumMap<>(Criterion.class);
			for (Criterion c : Criterion.values()) {
				onlyPunctuality.put(c, c == Criterion.PUNCTUALITY ? BigDecimal.ONE : BigDecimal.ZERO);
			}
			grading.setPolicy(new GradingPolicy(onlyPunctuality, before.tier1Min(), before.tier2Min(), before.tier3Min()),
					Actor.system());
			figures(small, period, "150000", "5", 5, "9", "100");
			grading.grade(period, "on_demand", Actor.system());
		}
		finally {
			grading.setPolicy(before, Actor.system());
		}
		List<GradeView> history = grading.history(small, Viewer.system());
		assertThat(history).extracting(GradeView::tier).containsExactly(1, 4);
		assertThat(history.get(0).previous()).isEqualTo(4);
		assertThat(notifications.of(manager.id().value(), null, 20).items())
			.anySatisfy(n -> assertThat(n.kind()).isEqualTo("grading.changed"));
	}

	@Test
	void theQuarterIsGradedOnceOnItsDayWhateverTheNumberOfRuns() {
		Fixtures.Person manager = fixtures.person("account_manager");
		Quarter period = new Quarter(2039, 2);
		AccountId one = account("季度甲", manager);
		AccountId two = account("季度乙", manager);
		figures(one, period, "500000", "10", 3, "3", "95");
		figures(two, period, "400000", "11", 3, "3", "80");

		assertThat(quarterly.run(LocalDate.of(2039, 7, 9))).as("before the 10th").isEmpty();
		assertThat(quarterly.run(LocalDate.of(2039, 7, 10))).hasSize(2)
			.allSatisfy(g -> assertThat(g.trigger()).isEqualTo("quarterly"));
		assertThat(quarterly.run(LocalDate.of(2039, 7, 11))).isEmpty();
		assertThat(quarterly.run(LocalDate.of(2039, 8, 30))).isEmpty();
		assertThat(grading.history(one, Viewer.system())).hasSize(1);
	}

	@Test
	void theApiRecordsFiguresGradesAndRefusesNonsenseWithinTheArchivesScope() {
		Fixtures.Person head = fixtures.person("operations_manager");
		Fixtures.Person manager = fixtures.person("account_manager");
		Fixtures.Person other = fixtures.person("account_manager");
		AccountId mine = account("接口客户", manager);
		String name = accounts.get(mine, Viewer.system()).name();
		Api headApi = Api.at(port).as(fixtures.tokenFor(head));

		Api.Response recorded = headApi.put("/api/v1/accounts/" + mine.value() + "/figures/2039-Q3", Map.of("revenue",
				1000000, "grossMargin", 15, "difficulty", 2, "staff", 3, "punctuality", 97));
		assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
		Api.Response bad = headApi.put("/api/v1/accounts/" + mine.value() + "/figures/2039-Q3", Map.of("revenue",
				1000000, "grossMargin", 15, "difficulty", 2, "staff", 3, "punctuality", 140));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("title").asString()).isEqualTo("Invalid figures");
		assertThat(headApi.put("/api/v1/accounts/" + mine.value() + "/figures/2039-Q5", Map.of("revenue", 1,
				"grossMargin", 1, "difficulty", 1, "staff", 1, "punctuality", 1)).json().get("title").asString())
			.isEqualTo("Invalid quarter");

		Api.Response run = headApi.post("/api/v1/grading/runs", Map.of("period", "2039-Q3"));
		assertThat(run.status()).as(run.body()).isEqualTo(200);
		assertThat(run.body()).contains(name);

		Api managerApi = Api.at(port).as(fixtures.tokenFor(manager));
		assertThat(managerApi.get("/api/v1/accounts/" + mine.value() + "/grades").body()).contains("\"tier\"");
		assertThat(managerApi.post("/api/v1/grading/runs", Map.of("period", "2039-Q3")).status()).isEqualTo(403);
		Api otherApi = Api.at(port).as(fixtures.tokenFor(other));
		assertThat(otherApi.get("/api/v1/accounts/" + mine.value() + "/grades").status()).isEqualTo(404);
		assertThat(otherApi.get("/api/v1/grading/grades?period=2039-Q3").body()).doesNotContain(name);

		Api.Response reversed = headApi.put("/api/v1/grading/policy", Map.of("weights", Map.of("revenue", 1,
				"gross_margin", 1, "difficulty", 1, "staff", 1, "punctuality", 1), "tier1Min", 50, "tier2Min", 60,
				"tier3Min", 30));
		assertThat(reversed.status()).isEqualTo(400);

		WebSession page = WebSession.signIn(port, head.username(), Fixtures.PASSWORD, "zh-CN");
		assertThat(page.get("/grading?period=2039-Q3").body()).contains(name).contains("营业收入");
		assertThat(page.get("/accounts/" + mine.value() + "/grades").body()).contains("付款及时性");
	}
}
