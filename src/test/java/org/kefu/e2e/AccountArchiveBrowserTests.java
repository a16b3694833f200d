package org.kefu.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.account.AccountContacts;
import org.kefu.account.AccountId;
import org.kefu.account.AccountKind;
import org.kefu.account.Accounts;
import org.kefu.account.ContactDetailsForm;
import org.kefu.account.NewAccount;
import org.kefu.account.Viewer;
import org.kefu.contract.Contracts;
import org.kefu.grading.Grading;
import org.kefu.grading.Metrics;
import org.kefu.grading.Quarter;
import org.kefu.shared.Actor;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * An account manager's archive in a real browser: the account page assembles its contracts,
 * grade, new business and onboarding live; a contract is registered; customers are imported from a
 * file with a preview and a progress bar that fills without reloading.
 */
@KefuTest
@Tag("browser")
class AccountArchiveBrowserTests extends BrowserTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	AccountContacts contacts;

	@Autowired
	Contracts contracts;

	@Autowired
	Grading grading;

	@Override
	String locale() {
		return "zh-CN";
	}

	@Test
	void anAccountManagerSeesTheWholeAccountAndRegistersAContract() {
		Fixtures.Person manager = fixtures.person("account_manager");
		String name = Fixtures.unique("嘉禾食品");
		AccountId account = accounts.create(new NewAccount(name, "嘉禾", AccountKind.SHIPPER, "食品", null), Actor.system());
		accounts.assign(account, Map.of(manager.id(), "manager"), Actor.system());
		contacts.addContact(account, new ContactDetailsForm("何经理", "物流经理", "13912340000", null), Viewer.system(),
				Actor.system());
		contracts.register(account, new Contracts.NewContract("contract", "HT-01", "年度运输合同",
				contracts.today().minusMonths(11), contracts.today().plusDays(30), null), Viewer.system(), Actor.system());
		Quarter quarter = new Quarter(2038, 4);
		grading.record(account, quarter, new Metrics(new BigDecimal("1200000"), new BigDecimal("16"), 2,
				new BigDecimal("2"), new BigDecimal("98")), Viewer.system(), Actor.system());
		AccountId smaller = accounts.create(new NewAccount(Fixtures.unique("小客户"), null, AccountKind.SHIPPER, null, null),
				Actor.system());
		grading.record(smaller, quarter, new Metrics(new BigDecimal("200000"), new BigDecimal("8"), 4,
				new BigDecimal("3"), new BigDecimal("70")), Viewer.system(), Actor.system());
		grading.grade(quarter, "on_demand", Actor.system());

		signIn(manager.username());
		page.navigate(url("/accounts/" + account.value()));
		assertThat(page.locator("#account-name")).hasText(name);
		assertThat(page.locator("#contracts-table")).containsText("年度运输合同");
		assertThat(page.locator("#contracts-table")).containsText("30 天后到期");
		assertThat(page.locator("#current-grade")).isVisible();
		assertThat(page.locator("#grade-reasons")).containsText("营业收入");
		assertThat(page.locator("#growth")).containsText("新增业务线");
		assertThat(page.locator("#onboarding")).isVisible();
		screenshot("13-account-360-zh");

		page.locator("#contacts-table a").first().click();
		assertThat(page.locator("#customer-accounts")).containsText(name);
		assertThat(page.locator("#customer-accounts")).containsText("重点客户");
		screenshot("13b-customer-360-zh");
		page.navigate(url("/accounts/" + account.value()));
		page.locator("#add-contract select[name=kind]").selectOption("quote");
		page.locator("#add-contract input[name=title]").fill("2027 年冷链报价");
		page.locator("#add-contract input[name=validFrom]").fill("2027-01-01");
		page.locator("#add-contract input[name=validTo]").fill("2027-12-31");
		page.locator("#add-contract button[type=submit]").click();
		assertThat(page).hasURL(Pattern.compile(".*/contracts/\\d+$"));
		assertThat(page.locator("#contract-title")).hasText("2027 年冷链报价");
		assertThat(page.locator(".alert-success")).containsText("合同已登记");
		page.locator("#add-price input[name=item]").fill("冷链城配 杭州—上海");
		page.locator("#add-price input[name=unit]").fill("车次");
		page.locator("#add-price input[name=price]").fill("2600");
		page.locator("#add-price button[type=submit]").click();
		assertThat(page.locator("#prices-table")).containsText("2600 CNY");
		screenshot("14-contract-zh");

		page.locator("#switch-language").click();
		assertThat(page.locator("#prices-table")).containsText("Item");
		assertThat(page.locator("#contract-page")).containsText("in force from 2027-01-01");
		screenshot("15-contract-en");
		assertThat(consoleErrors).as("no script or content-security-policy errors").isEmpty();
	}

	@Test
	void customersAreImportedFromAFileWithAPreviewAndALiveProgressBar() {
		Fixtures.Person head = fixtures.person("operations_manager");
		String phone = "1355" + String.format("%07d", (long) (Math.random() * 10_000_000));
		String csv = "姓名,手机,标签\n吴敏," + phone + ",批发\n无效号码,123,\n";
		signIn(head.username());
		page.navigate(url("/imports"));
		page.locator("#kind").selectOption("customers");
		page.locator("#file").setInputFiles(new FilePayload("批发客户.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
		page.locator("#import-form button[type=submit]").click();

		assertThat(page.locator("#problems-table")).containsText("123");
		assertThat(page.locator("#preview-table")).containsText("吴敏");
		assertThat(page.locator("#confirm-import")).containsText("导入 1 行");
		screenshot("16-import-preview-zh");
		page.locator("#confirm-import").click();
		assertThat(page.locator("#outcome")).containsText("新建 1");
		assertThat(page.locator("#progress")).containsText("已完成");
		screenshot("17-import-done-zh");

		page.navigate(url("/customers?tag=批发"));
		assertThat(page.locator("#tag-filter")).containsText("符合条件的客户 1 位");
		assertThat(page.locator("body")).containsText("吴敏");
		assertThat(consoleErrors).as("no script or content-security-policy errors").isEmpty();
	}
}
