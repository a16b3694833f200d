package org.kefu.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.account.AccountContacts;
import org.kefu.account.AccountId;
import org.kefu.account.AccountKind;
import org.kefu.account.Accounts;
import org.kefu.account.ContactDetailsForm;
import org.kefu.account.NewAccount;
import org.kefu.account.Viewer;
import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerId;
import org.kefu.customer.CustomerTags;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.platform.KefuClock;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.support.WebSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Tags computed from history follow the history; segments save filters over tags. */
@KefuTest
@Tag("api")
class SegmentTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TagRules rules;

	@Autowired
	Segments segments;

	@Autowired
	Customers customers;

	@Autowired
	CustomerTags tags;

	@Autowired
	Accounts accounts;

	@Autowired
	AccountContacts contacts;

	@Autowired
	KefuClock clock;

	private CustomerId customerWith(String name, String... businessTypes) {
		ContactDetails who = new ContactDetails(name, Fixtures.unique("seg") + "@example.com", null);
		for (String type : businessTypes) {
			fixtures.aTicket().from(who).ofType(type).open();
		}
		return customers.findByIdentity(IdentityType.EMAIL, who.email()).orElseThrow().id();
	}

	private TagRule rule(String tag) {
		return rules.all().stream().filter(r -> r.tag().equals(tag)).findFirst().orElseThrow();
	}

	private Set<String> tagsOf(CustomerId customer) {
		return tags.of(List.of(customer)).getOrDefault(customer, Set.of());
	}

	@Test
	void aComplaintTagFollowsTheLastNinetyDaysAndLeavesPeoplesTagsAlone() {
		CustomerId twice = customerWith("投诉两次", "complaint", "complaint", "inquiry");
		CustomerId once = customerWith("投诉一次", "complaint", "inquiry");
		CustomerId byHand = customerWith("人工标记", "inquiry");
		tags.add(byHand, "complained-2x-90d", Actor.system());

		rules.run(rule("complained-2x-90d").id(), Actor.system());
		assertThat(tagsOf(twice)).contains("complained-2x-90d");
		assertThat(tagsOf(once)).doesNotContain("complained-2x-90d");

		clock.stopAt(clock.instant().plus(Duration.ofDays(91)));
		try {
			TagRules.Run later = rules.run(rule("complained-2x-90d").id(), Actor.system());
			assertThat(later.lost()).isGreaterThanOrEqualTo(1);
		}
		finally {
			clock.resume();
		}
		assertThat(tagsOf(twice)).as("91 days later the complaints are old").doesNotContain("complained-2x-90d");
		assertThat(tagsOf(byHand)).as("a person's tag stays").contains("complained-2x-90d");
		rules.run(rule("complained-2x-90d").id(), Actor.system());
	}

	@Test
	void returnShareAndKeyAccountContactsAreTagged() {
		CustomerId returns = customerWith("退货多", "return_exchange", "return_exchange", "inquiry");
		CustomerId fewReturns = customerWith("退货少", "return_exchange", "inquiry", "inquiry", "order_change");
		rules.run(rule("returns-over-30pct").id(), Actor.system());
		assertThat(tagsOf(returns)).contains("returns-over-30pct");
		assertThat(tagsOf(fewReturns)).as("25 % is not over 30 %").doesNotContain("returns-over-30pct");

		String phone = "1391234" + String.format("%04d", (int) (Math.random() * 10_000));
		AccountId key = accounts.create(new NewAccount(Fixtures.unique("重点物流"), null, AccountKind.SHIPPER, null, null),
				Actor.system());
		contacts.addContact(key, new ContactDetailsForm("郑经理", "物流经理", phone, null), Viewer.system(), Actor.system());
		accounts.grade(key, 2, true);
		CustomerId contact = customers.findByIdentity(IdentityType.PHONE, phone).orElseThrow().id();
		rules.run(rule("key-account-contact").id(), Actor.system());
		assertThat(tagsOf(contact)).contains("key-account-contact");
	}

	@Test
	void aSegmentSavesAFilterOverTagsAndCountsItsCustomers() {
		String tag = Fixtures.unique("vip").toLowerCase();
		CustomerId a = customerWith("分群甲", "inquiry");
		CustomerId b = customerWith("分群乙", "inquiry");
		tags.add(a, tag, Actor.system());
		tags.add(b, tag, Actor.system());
		tags.add(b, "opted-out", Actor.system());

		Fixtures.Person manager = fixtures.person("operations_manager");
		Api api = Api.at(port).as(fixtures.tokenFor(manager));
		Api.Response saved = api.post("/api/v1/segments", Map.of("name", Fixtures.unique("贵宾"), "tags", List.of(tag),
				"withoutTags", List.of("opted-out")));
		assertThat(saved.status()).as(saved.body()).isEqualTo(201);
		assertThat(saved.json().get("customers").asLong()).isEqualTo(1);
		assertThat(api.get("/api/v1/customers?tag=" + tag + "&without=opted-out").body()).contains("分群甲")
			.doesNotContain("分群乙");
		assertThat(api.post("/api/v1/segments", Map.of("name", "全部")).status()).as("an empty filter").isEqualTo(400);

		Api agent = Api.at(port).as(fixtures.tokenFor(fixtures.person("agent")));
		assertThat(agent.post("/api/v1/segments", Map.of("name", "x", "tags", List.of(tag))).status()).isEqualTo(403);
		assertThat(agent.post("/api/v1/tag-rules", Map.of("tag", "x", "nameZh", "x", "nameEn", "x",
				"kind", "ticket_count", "days", 30, "atLeast", 1)).status()).isEqualTo(403);

		WebSession page = WebSession.signIn(port, manager.username(), Fixtures.PASSWORD, "zh-CN");
		assertThat(page.get("/customers?tag=" + tag).body()).contains("符合条件的客户 2 位").contains("分群乙");
		assertThat(page.get("/segments").body()).contains("complained-2x-90d").contains("贵宾");
	}

	@Test
	void aNewRuleIsCheckedAndRunAtOnce() {
		Fixtures.Person manager = fixtures.person("operations_manager");
		Api api = Api.at(port).as(fixtures.tokenFor(manager));
		String tag = Fixtures.unique("chaser").toLowerCase();
		customerWith("催货多", "delivery_chase", "delivery_chase", "delivery_chase");
		Api.Response created = api.post("/api/v1/tag-rules", Map.of("tag", tag, "nameZh", "30 天内催货三次",
				"nameEn", "Chased delivery three times in 30 days", "kind", "ticket_count",
				"businessTypes", List.of("delivery_chase"), "days", 30, "atLeast", 3));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("matching").asInt()).isGreaterThanOrEqualTo(1);
		Api.Response incomplete = api.post("/api/v1/tag-rules", Map.of("tag", tag + "2", "nameZh", "x", "nameEn", "x",
				"kind", "ticket_share", "days", 30, "atLeast", 3));
		assertThat(incomplete.status()).isEqualTo(400);
		assertThat(incomplete.json().get("title").asString()).isEqualTo("Incomplete rule");
		assertThat(new BigDecimal("30")).isEqualByComparingTo(rule("returns-over-30pct").percentAbove());
	}
}
