package org.kefu.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.account.AccountKind;
import org.kefu.account.Accounts;
import org.kefu.account.NewAccount;
import org.kefu.account.Viewer;
import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerTags;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.identity.Roles;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Imports read and check a file first, then import each row once; exports mask and scope as pages do. */
@KefuTest
@Tag("api")
class ImportExportTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@Autowired
	CustomerTags tags;

	@Autowired
	Accounts accounts;

	@Autowired
	Roles roles;

	@Autowired
	ImportRunner runner;

	@Autowired
	JdbcClient jdbc;

	private static String phone() {
		return "1371" + String.format("%07d", (long) (Math.random() * 10_000_000));
	}

	private Api.Response awaitDone(Api api, long id) {
		await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/imports/" + id).json().get("job")
			.get("status").asString().equals("done"));
		return api.get("/api/v1/imports/" + id);
	}

	@Test
	void aGbkCsvOfCustomersIsCheckedThenImportedOnceEvenWhenImportedAgain() {
		String known = Fixtures.unique("known") + "@example.com";
		customers.identify(new ContactDetails("老客户", known, null), Actor.system());
		String newPhone = phone();
		String csv = "姓名,手机,邮箱,标签,部门\r\n"
				+ "陈静," + newPhone + ",,导入;华东\r\n"
				+ "老客户,," + known + ",\r\n"
				+ "号码错误,12345,,\r\n"
				+ "无联系方式,,,\r\n";
		byte[] gbk = csv.getBytes(Charset.forName("GBK"));
		Api api = Api.at(port).as(fixtures.tokenFor(fixtures.person("operations_manager")));

		Api.Response read = api.upload("/api/v1/imports", "file", "客户.csv", gbk, Map.of("kind", "customers"));
		assertThat(read.status()).as(read.body()).isEqualTo(201);
		assertThat(read.json().get("job").get("total").asInt()).isEqualTo(4);
		assertThat(read.json().get("job").get("invalid").asInt()).isEqualTo(2);
		assertThat(read.json().get("job").get("ignored").get(0).asString()).isEqualTo("部门");
		assertThat(read.json().get("first").get(0).get("data").get("name").asString()).as("GBK decoded").isEqualTo("陈静");
		assertThat(read.json().get("problems").valueStream().map(p -> p.get("number").asInt()).toList())
			.containsExactly(4, 5);
		assertThat(read.json().get("problems").get(0).get("error").asString()).isEqualTo("customer.phone-invalid");
		assertThat(customers.findByIdentity(IdentityType.PHONE, newPhone)).as("nothing before confirming").isEmpty();

		long id = read.json().get("job").get("id").asLong();
		assertThat(api.post("/api/v1/imports/" + id + "/confirm", Map.of()).status()).isEqualTo(200);
		Api.Response done = awaitDone(api, id);
		assertThat(done.json().get("job").get("created").asInt()).isEqualTo(1);
		assertThat(done.json().get("job").get("updated").asInt()).isEqualTo(1);
		var imported = customers.findByIdentity(IdentityType.PHONE, newPhone).orElseThrow();
		assertThat(tags.of(List.of(imported.id())).get(imported.id())).contains("导入", "华东");
		assertThat(api.post("/api/v1/imports/" + id + "/confirm", Map.of()).status()).isEqualTo(409);

		long again = api.upload("/api/v1/imports", "file", "客户.csv", gbk, Map.of("kind", "customers")).json()
			.get("job").get("id").asLong();
		api.post("/api/v1/imports/" + again + "/confirm", Map.of());
		Api.Response second = awaitDone(api, again);
		assertThat(second.json().get("job").get("created").asInt()).as("no duplicates").isZero();
		assertThat(second.json().get("job").get("updated").asInt()).isEqualTo(2);

		Api.Response missingColumn = api.upload("/api/v1/imports", "file", "x.csv",
				"电话\r\n13800000000\r\n".getBytes(), Map.of("kind", "customers"));
		assertThat(missingColumn.status()).isEqualTo(400);
		assertThat(missingColumn.json().get("detail").asString()).contains("name");
		assertThat(Api.at(port).as(fixtures.tokenFor(fixtures.person("operations_manager")))
			.get("/api/v1/imports/" + id).status()).as("an import is its author's").isEqualTo(404);
	}

	@Test
	void anExcelOfAccountsKeepsTheImportersScopeAndRefusesBadRows() throws Exception {
		Fixtures.Person importer = fixtures.person("account_manager");
		Fixtures.Person colleague = fixtures.person("account_manager");
		String hidden = Fixtures.unique("别人的客户");
		accounts.create(new NewAccount(hidden, null, AccountKind.SHIPPER, null, null), Actor.system());
		String mine = Fixtures.unique("导入物流");
		String theirs = Fixtures.unique("同事的客户");
		ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
		Workbook workbook = new Workbook(xlsx, "test", "1.0");
		Worksheet ws = workbook.newWorksheet("客户");
		List<List<String>> rows = List.of(List.of("客户名称", "类型", "联系人", "联系人电话", "客户经理"),
				List.of(mine, "发货方", "孙主管", phone(), ""), List.of(theirs, "both", "", "", colleague.username()),
				List.of(Fixtures.unique("类型错"), "供应商", "", "", ""), List.of(hidden, "shipper", "", "", ""));
		for (int r = 0; r < rows.size(); r++) {
			for (int c = 0; c < rows.get(r).size(); c++) {
				ws.value(r, c, rows.get(r).get(c));
			}
		}
		workbook.finish();
		Api api = Api.at(port).as(fixtures.tokenFor(importer));

		Api.Response read = api.upload("/api/v1/imports", "file", "accounts.xlsx", xlsx.toByteArray(),
				Map.of("kind", "accounts"));
		assertThat(read.status()).as(read.body()).isEqualTo(201);
		assertThat(read.json().get("job").get("invalid").asInt()).isEqualTo(1);
		assertThat(read.json().get("problems").get(0).get("error").asString()).isEqualTo("import.row.kind-invalid");
		long id = read.json().get("job").get("id").asLong();
		api.post("/api/v1/imports/" + id + "/confirm", Map.of());
		Api.Response done = awaitDone(api, id);
		assertThat(done.json().get("job").get("created").asInt()).isEqualTo(2);
		assertThat(done.json().get("job").get("failed").asInt()).as("an account the importer may not see").isEqualTo(1);

		var created = accounts.findByName(mine).orElseThrow();
		assertThat(accounts.get(created, Viewer.system()).contacts()).extracting(c -> c.name()).contains("孙主管");
		assertThat(api.get("/api/v1/accounts/" + created.value()).status()).isEqualTo(200);
		var colleagues = accounts.findByName(theirs).orElseThrow();
		assertThat(accounts.managersOf(colleagues)).extracting(u -> u.value()).contains(colleague.id().value());
		assertThat(api.get("/api/v1/accounts/export").body()).contains(mine).doesNotContain(hidden);
		Api.Response excel = api.get("/api/v1/accounts/export?format=xlsx");
		assertThat(excel.header("Content-Type")).contains("spreadsheetml");
		assertThat(excel.body()).startsWith("PK");
	}

	@Test
	void anImportLeftRunningIsResumedWithoutDoingARowTwice() {
		Fixtures.Person person = fixtures.person("operations_manager");
		Actor actor = person.actor();
		String a = phone();
		String b = phone();
		Api api = Api.at(port).as(fixtures.tokenFor(person));
		long id = api.upload("/api/v1/imports", "file", "c.csv", ("name,phone\r\n甲," + a + "\r\n乙," + b + "\r\n").getBytes(),
				Map.of("kind", "customers")).json().get("job").get("id").asLong();
		// as if Kefu stopped after the first row: the job is running, one row done
		jdbc.sql("update import_job set status = 'running', processed = 1, created = 1 where id = ?").param(id).update();
		customers.identify(new ContactDetails("甲", null, a), actor);
		jdbc.sql("update import_row set outcome = 'created' where job_id = ? and row_number = 2").param(id).update();

		runner.resume();
		Api.Response done = awaitDone(api, id);
		assertThat(done.json().get("job").get("processed").asInt()).isEqualTo(2);
		assertThat(done.json().get("job").get("created").asInt()).isEqualTo(2);
		assertThat(customers.findByIdentity(IdentityType.PHONE, b)).isPresent();
	}

	@Test
	void aCustomerExportMasksContactDetailsForRolesWithoutThemAndIsAudited() {
		String code = Fixtures.unique("exporter").replace('-', '_');
		roles.create(code, "导出员", "Exporter", Set.of("customer.view", "api.token"), Actor.system());
		String tag = Fixtures.unique("export").toLowerCase();
		String number = phone();
		var customer = customers.identify(new ContactDetails("导出客户", null, number), Actor.system());
		tags.add(customer, tag, Actor.system());

		String masked = number.substring(0, 3) + "****" + number.substring(7);
		String exported = Api.at(port).as(fixtures.tokenFor(fixtures.person(code)))
			.get("/api/v1/customers/export?tag=" + tag).body();
		assertThat(exported).contains("导出客户").contains(masked).doesNotContain(number);
		assertThat(Api.at(port).as(fixtures.tokenFor(fixtures.person("operations_manager")))
			.get("/api/v1/customers/export?tag=" + tag).body()).contains(number);
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'customer' and action = 'exported'")
			.query(Long.class).single()).isGreaterThanOrEqualTo(2);
	}
}
