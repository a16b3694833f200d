package org.kefu.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.audit.AuditEntry;
import org.kefu.audit.AuditLog;
import org.kefu.identity.Roles;
import org.kefu.identity.UserId;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.support.WebSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The confidentiality of the account archive, as a matrix: each kind of user, each path (list,
 * search, the account's API and page, the change report, the export). An account a user may not
 * see does not exist for them, on every path.
 */
@KefuTest
@Tag("api")
class AccountScopingTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	AccountContacts contacts;

	@Autowired
	Roles roles;

	@Autowired
	AuditLog audit;

	Fixtures.Person manager;
	Fixtures.Person assistant;
	Fixtures.Person head;
	Fixtures.Person agent;
	AccountId mine;
	AccountId theirs;
	String mineName;
	String theirsName;
	String contactPhone;

	@BeforeEach
	void archive() {
		manager = fixtures.person("account_manager");
		assistant = fixtures.person("account_assistant");
		head = fixtures.person("operations_manager");
		agent = fixtures.person("agent");
		mineName = Fixtures.unique("长鹏物流华东仓");
		theirsName = Fixtures.unique("远航电子");
		mine = accounts.create(new NewAccount(mineName, null, AccountKind.SHIPPER, "电子", null), Actor.system());
		theirs = accounts.create(new NewAccount(theirsName, null, AccountKind.CONSIGNEE, "零售", null), Actor.system());
		accounts.assign(mine, Map.of(manager.id(), "manager"), Actor.system());
		accounts.assign(theirs, Map.of(assistant.id(), "assistant"), Actor.system());
		contactPhone = "1361234" + String.format("%04d", (int) (Math.random() * 10_000));
		contacts.addContact(mine, new ContactDetailsForm("刘经理", "物流经理", contactPhone, null), Viewer.system(),
				Actor.system());
		contacts.addContact(theirs, new ContactDetailsForm("陈主管", "仓库主管", null, null), Viewer.system(),
				Actor.system());
	}

	private record Sight(Fixtures.Person who, Set<AccountId> sees) {
	}

	@Test
	void eachUserSeesOnlyTheirAccountsOnEveryPath() {
		for (Sight sight : List.of(new Sight(manager, Set.of(mine)), new Sight(assistant, Set.of(theirs)),
				new Sight(head, Set.of(mine, theirs)))) {
			Api api = Api.at(port).as(fixtures.tokenFor(sight.who()));
			WebSession page = WebSession.signIn(port, sight.who().username(), Fixtures.PASSWORD, "en");
			for (AccountId account : List.of(mine, theirs)) {
				String name = account.equals(mine) ? mineName : theirsName;
				boolean sees = sight.sees().contains(account);
				String who = sight.who().username() + " / " + name;
				assertThat(api.get("/api/v1/accounts/" + account.value()).status()).as(who + " api").isEqualTo(sees ? 200 : 404);
				assertThat(api.get("/api/v1/accounts?limit=200").body().contains(name)).as(who + " list").isEqualTo(sees);
				assertThat(api.get("/api/v1/accounts?q=" + Api.query(name)).body().contains(name)).as(who + " search")
					.isEqualTo(sees);
				assertThat(api.get("/api/v1/accounts/changes").body().contains(name)).as(who + " changes").isEqualTo(sees);
				assertThat(page.get("/accounts/" + account.value()).statusCode()).as(who + " page").isEqualTo(sees ? 200 : 404);
				assertThat(page.get("/accounts?q=" + Api.query(name)).body().contains("href=\"/accounts/" + account.value() + "\""))
					.as(who + " page list").isEqualTo(sees);
				Api.Response export = api.get("/api/v1/accounts/export");
				if (export.status() == 200) {
					assertThat(export.body().contains(name)).as(who + " export").isEqualTo(sees);
				}
				else {
					assertThat(export.status()).as(who + " export").isEqualTo(403);
				}
			}
		}
	}

	@Test
	void someoneWithoutTheArchiveCannotOpenIt() {
		Api api = Api.at(port).as(fixtures.tokenFor(agent));
		assertThat(api.get("/api/v1/accounts").status()).isEqualTo(403);
		assertThat(api.get("/api/v1/accounts/" + mine.value()).status()).isEqualTo(403);
		assertThat(WebSession.signIn(port, agent.username(), Fixtures.PASSWORD, "en").get("/accounts").statusCode())
			.isEqualTo(403);
	}

	@Test
	void contactDetailsAreMaskedForRolesThatDoNotNeedThemInApiPageAndExport() {
		String code = Fixtures.unique("archive_reader").replace('-', '_');
		roles.create(code, "档案查阅", "Archive reader", Set.of("account.view", "account.export", "api.token"),
				Actor.system());
		Fixtures.Person reader = fixtures.person(code);
		accounts.assign(mine, Map.of(reader.id(), "assistant", manager.id(), "manager"), Actor.system());
		String masked = contactPhone.substring(0, 3) + "****" + contactPhone.substring(7);

		Api api = Api.at(port).as(fixtures.tokenFor(reader));
		assertThat(api.get("/api/v1/accounts/" + mine.value()).body()).doesNotContain(contactPhone).contains(masked);
		assertThat(api.get("/api/v1/accounts/export").body()).doesNotContain(contactPhone).contains(masked);
		assertThat(WebSession.signIn(port, reader.username(), Fixtures.PASSWORD, "en").get("/accounts/" + mine.value())
			.body()).doesNotContain(contactPhone).contains(masked);

		assertThat(Api.at(port).as(fixtures.tokenFor(manager)).get("/api/v1/accounts/" + mine.value()).body())
			.contains(contactPhone);
	}

	@Test
	void everyViewAndExportIsAudited() {
		Api api = Api.at(port).as(fixtures.tokenFor(manager));
		api.get("/api/v1/accounts/" + mine.value());
		api.get("/api/v1/accounts/export");
		List<AuditEntry> views = audit.read("account", String.valueOf(mine.value()), manager.username(), null, null,
				null, 10).items();
		assertThat(views).extracting(AuditEntry::action).contains("viewed");
		List<AuditEntry> exports = audit.read("account", "*", manager.username(), null, null, null, 10).items();
		assertThat(exports).extracting(AuditEntry::action).contains("exported");
	}

	@Test
	void creatingAnAccountMakesTheCreatorItsManager() {
		Api api = Api.at(port).as(fixtures.tokenFor(manager));
		String name = Fixtures.unique("新客户");
		Api.Response created = api.post("/api/v1/accounts", Map.of("name", name, "kind", "shipper",
				"contacts", List.of(Map.of("name", "张三", "role", "采购", "phone", "021 6888 1234")),
				"addresses", List.of(Map.of("party", "shipper", "name", "嘉定仓", "address", "上海市嘉定区安亭镇 88 号"))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("managers").get(0).get("username").asString()).isEqualTo(manager.username());
		assertThat(created.json().get("contacts").get(0).get("phone").asString()).isEqualTo("02168881234");

		Api.Response bad = api.post("/api/v1/accounts", Map.of("name", Fixtures.unique("x"), "kind", "supplier"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("detail").asString()).contains("shipper, consignee, both");
		Api.Response dup = api.post("/api/v1/accounts", Map.of("name", name, "kind", "shipper"));
		assertThat(dup.status()).isEqualTo(409);
	}

	@Test
	void onlyThoseWhoAssignMayChangeManagers() {
		Api api = Api.at(port).as(fixtures.tokenFor(manager));
		assertThat(api.put("/api/v1/accounts/" + mine.value() + "/managers",
				Map.of("managers", List.of(Map.of("userId", manager.id().value(), "role", "manager")))).status())
			.isEqualTo(403);
		Api headApi = Api.at(port).as(fixtures.tokenFor(head));
		Api.Response assigned = headApi.put("/api/v1/accounts/" + theirs.value() + "/managers",
				Map.of("managers", List.of(Map.of("userId", manager.id().value(), "role", "manager"))));
		assertThat(assigned.status()).isEqualTo(200);
		assertThat(api.get("/api/v1/accounts/" + theirs.value()).status()).isEqualTo(200);
		assertThat(accounts.managedBy(new UserId(manager.id().value()))).contains(mine, theirs);
	}
}
