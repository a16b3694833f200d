package org.kefu.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
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

/** The contract register: expiry alerts two months and one month ahead, registered prices, confidentiality. */
@KefuTest
@Tag("api")
class ContractRegisterTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Contracts contracts;

	@Autowired
	ExpiryAlerts alerts;

	@Autowired
	Notifications notifications;

	Fixtures.Person manager;
	Fixtures.Person stranger;
	AccountId account;
	String name;

	@BeforeEach
	void anAccountWithAManager() {
		manager = fixtures.person("account_manager");
		stranger = fixtures.person("account_manager");
		name = Fixtures.unique("华联超市");
		account = accounts.create(new NewAccount(name, null, AccountKind.SHIPPER, "零售", null), Actor.system());
		accounts.assign(account, Map.of(manager.id(), "manager"), Actor.system());
	}

	private List<Notifications.Notice> noticesOf(Fixtures.Person person) {
		return notifications.of(person.id().value(), null, 50).items().stream()
			.filter(n -> n.kind().startsWith("contract.expiring")).toList();
	}

	@Test
	void theManagerIsToldTwoMonthsAndAgainOneMonthBeforeTheEndOnceEach() {
		LocalDate end = LocalDate.of(2031, 3, 15);
		long contract = contracts.register(account, new Contracts.NewContract("contract", "HT-2030-001", "仓储配送合同",
				LocalDate.of(2030, 3, 16), end, null), Viewer.system(), Actor.system());

		alerts.alert(LocalDate.of(2031, 1, 10));
		assertThat(noticesOf(manager)).as("more than two months ahead").isEmpty();

		alerts.alert(LocalDate.of(2031, 1, 15));
		alerts.alert(LocalDate.of(2031, 1, 16));
		assertThat(noticesOf(manager)).extracting(Notifications.Notice::kind).containsExactly("contract.expiring.two_months");
		assertThat(noticesOf(manager).get(0).args()).contains(name, "2031-03-15");
		assertThat(noticesOf(manager).get(0).link()).isEqualTo("/contracts/" + contract);

		alerts.alert(LocalDate.of(2031, 2, 15));
		alerts.alert(LocalDate.of(2031, 2, 20));
		alerts.alert(LocalDate.of(2031, 3, 14));
		assertThat(noticesOf(manager)).extracting(Notifications.Notice::kind)
			.containsExactlyInAnyOrder("contract.expiring.two_months", "contract.expiring.one_month");
		assertThat(noticesOf(stranger)).as("only the account's managers are told").isEmpty();
	}

	@Test
	void aContractRegisteredWithWeeksLeftGetsOneAlertAndATerminatedOneNone() {
		contracts.register(account, new Contracts.NewContract("quote", null, "2032 年报价", LocalDate.of(2032, 1, 1),
				LocalDate.of(2032, 6, 20), null), Viewer.system(), Actor.system());
		long ended = contracts.register(account, new Contracts.NewContract("agreement", null, "补充协议",
				LocalDate.of(2032, 1, 1), LocalDate.of(2032, 6, 25), null), Viewer.system(), Actor.system());
		contracts.terminate(ended, Viewer.system(), Actor.system());

		alerts.alert(LocalDate.of(2032, 6, 1));
		alerts.alert(LocalDate.of(2032, 6, 2));
		assertThat(noticesOf(manager)).extracting(Notifications.Notice::kind).containsExactly("contract.expiring.one_month");
	}

	@Test
	void aPriceUsedWithoutRegistrationIsFlagged() {
		LocalDate today = contracts.today();
		long contract = contracts.register(account, new Contracts.NewContract("contract", null, "配送合同",
				today.minusMonths(1), today.plusYears(1), null), Viewer.system(), Actor.system());
		Api api = Api.at(port).as(fixtures.tokenFor(manager));
		Api.Response registered = api.post("/api/v1/contracts/" + contract + "/prices",
				Map.of("item", "整车运输 上海-苏州", "unit", "车次", "price", "1800.00"));
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);

		Api.Response ok = api.post("/api/v1/accounts/" + account.value() + "/price-checks",
				Map.of("item", "整车运输 上海-苏州", "unit", "车次", "price", 1800));
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		assertThat(ok.json().get("registered").asBoolean()).isTrue();

		Api.Response flagged = api.post("/api/v1/accounts/" + account.value() + "/price-checks",
				Map.of("item", "整车运输 上海-苏州", "unit", "车次", "price", 1650));
		assertThat(flagged.json().get("registered").asBoolean()).isFalse();
		assertThat(contracts.unregistered(Viewer.system())).anySatisfy(f -> {
			assertThat(f.accountName()).isEqualTo(name);
			assertThat(f.price()).isEqualByComparingTo(new BigDecimal("1650"));
		});
		assertThat(WebSession.signIn(port, manager.username(), Fixtures.PASSWORD, "en").get("/contracts").body())
			.contains(name).contains("1650");

		Api.Response bad = api.post("/api/v1/contracts/" + contract + "/prices",
				Map.of("item", "卸货", "unit", "吨", "price", "-3"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("title").asString()).isEqualTo("Invalid price");
	}

	@Test
	void theContractsOfAnAccountOneMayNotSeeDoNotExist() {
		long contract = contracts.register(account, new Contracts.NewContract("contract", null, "保密合同",
				LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), null), Viewer.system(), Actor.system());
		Api theirs = Api.at(port).as(fixtures.tokenFor(stranger));
		assertThat(theirs.get("/api/v1/contracts/" + contract).status()).isEqualTo(404);
		assertThat(theirs.get("/api/v1/accounts/" + account.value() + "/contracts").status()).isEqualTo(404);
		assertThat(theirs.post("/api/v1/accounts/" + account.value() + "/price-checks",
				Map.of("item", "x", "price", 1)).status()).isEqualTo(404);
		WebSession page = WebSession.signIn(port, stranger.username(), Fixtures.PASSWORD, "zh-CN");
		assertThat(page.get("/contracts/" + contract).statusCode()).isEqualTo(404);
		assertThat(page.get("/contracts?days=366").body()).doesNotContain(name);

		WebSession mine = WebSession.signIn(port, manager.username(), Fixtures.PASSWORD, "zh-CN");
		assertThat(mine.get("/contracts/" + contract).body()).contains("保密合同").contains("2027-12-31");
		assertThat(mine.get("/accounts/" + account.value() + "/contracts").body()).contains("保密合同");
		Api.Response reversed = Api.at(port).as(fixtures.tokenFor(manager)).post(
				"/api/v1/accounts/" + account.value() + "/contracts", Map.of("kind", "contract", "title", "倒置",
						"validFrom", "2027-01-01", "validTo", "2026-01-01"));
		assertThat(reversed.status()).isEqualTo(400);
	}
}
