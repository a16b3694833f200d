package org.kefu.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kefu.account.AccountContacts;
import org.kefu.account.AccountId;
import org.kefu.account.AccountKind;
import org.kefu.account.Accounts;
import org.kefu.account.AddressForm;
import org.kefu.account.ContactDetailsForm;
import org.kefu.account.NewAccount;
import org.kefu.account.Viewer;
import org.kefu.contract.Contracts;
import org.kefu.customer.CustomerFilter;
import org.kefu.grading.Grading;
import org.kefu.grading.Metrics;
import org.kefu.grading.Quarter;
import org.kefu.growth.Growth;
import org.kefu.identity.UserId;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.onboarding.Onboardings;
import org.kefu.segment.Segments;
import org.kefu.segment.TagRule;
import org.kefu.segment.TagRules;
import org.kefu.shared.Actor;

import org.springframework.stereotype.Component;

/**
 * The B2B side of the demo center: the logistics accounts a service department keeps, with their
 * managers, contacts, contracts (two ending soon), graded last quarter, new business and an
 * onboarding under way; and the computed tags and a segment over the B2C customers.
 */
@Component
class DemoAccounts {

	private final Users users;
	private final Accounts accounts;
	private final AccountContacts contacts;
	private final Contracts contracts;
	private final Grading grading;
	private final Growth growth;
	private final Onboardings onboardings;
	private final TagRules tagRules;
	private final Segments segments;

	DemoAccounts(Users users, Accounts accounts, AccountContacts contacts, Contracts contracts, Grading grading, Growth growth,
			Onboardings onboardings, TagRules tagRules, Segments segments) {
		this.users = users;
		this.accounts = accounts;
		this.contacts = contacts;
		this.contracts = contracts;
		this.grading = grading;
		this.growth = growth;
		this.onboardings = onboardings;
		this.tagRules = tagRules;
		this.segments = segments;
	}

	private record Spec(String name, String shortName, AccountKind kind, String industry, String manager,
			String contact, String role, String phone, String warehouse, String revenue, String margin, int difficulty,
			String staff, String punctuality) {
	}

	private static final List<Spec> ACCOUNTS = List.of(
			new Spec("华联超市（上海）有限公司", "华联超市", AccountKind.BOTH, "零售", "liuqiang", "刘建国", "物流经理",
					"13816650021", "上海市嘉定区安亭镇墨玉南路 888 号", "4860000", "17.5", 3, "6", "96"),
			new Spec("远航电子科技（苏州）有限公司", "远航电子", AccountKind.SHIPPER, "电子", "liuqiang", "陈晓燕", "采购主管",
					"13962170388", "苏州工业园区星湖街 328 号", "2950000", "21", 2, "3", "99"),
			new Spec("鲜丰冷链食品有限公司", "鲜丰冷链", AccountKind.SHIPPER, "食品", "wanghui", "周海波", "运营总监",
					"13588210457", "杭州市余杭区仓前街道 16 号冷库", "1720000", "12", 5, "7", "88"),
			new Spec("百盛家居用品有限公司", "百盛家居", AccountKind.CONSIGNEE, "家居", "wanghui", "吴丽萍", "仓库主管",
					"13757120863", "宁波市北仑区大港工业城 5 号", "860000", "15", 3, "3", "72"),
			new Spec("明达医药物流有限公司", "明达医药", AccountKind.BOTH, "医药", "liuqiang", "郑志远", "质量经理",
					"13601780542", "上海市浦东新区康桥东路 1365 号", "3380000", "24", 4, "5", "97"),
			new Spec("速达电商供应链有限公司", "速达电商", AccountKind.SHIPPER, "电商", "wanghui", "林晓峰", "物流专员",
					"13917330186", "上海市青浦区华新镇华志路 1008 号", "640000", "9", 2, "2", "81"),
			new Spec("恒通汽车配件有限公司", "恒通汽配", AccountKind.SHIPPER, "汽配", "liuqiang", "黄振华", "计划经理",
					"13861720935", "无锡市新吴区锡梅路 55 号", "1150000", "14", 3, "3", "93"),
			new Spec("新世纪印务有限公司", "新世纪印务", AccountKind.CONSIGNEE, "印刷", "wanghui", "唐晓梅", "行政主管",
					"13656810274", "嘉兴市南湖区亚太路 1052 号", "310000", "11", 2, "1", "65"));

	void tell() {
		UserId head = user("zhaomin");
		Actor headActor = Actor.user(head.value(), "zhaomin", "10.1.0.12");
		UserId assistant = user("zhengli");
		LocalDate today = contracts.today();
		Quarter last = Quarter.of(today).previous();
		int i = 0;
		for (Spec spec : ACCOUNTS) {
			AccountId id = accounts.create(new NewAccount(spec.name(), spec.shortName(), spec.kind(), spec.industry(), null),
					headActor);
			UserId manager = user(spec.manager());
			accounts.assign(id, spec.manager().equals("liuqiang") ? Map.of(manager, "manager", assistant, "assistant")
					: Map.of(manager, "manager"), headActor);
			contacts.addContact(id, new ContactDetailsForm(spec.contact(), spec.role(), spec.phone(), null),
					Viewer.system(), headActor);
			contacts.addAddress(id, new AddressForm(spec.kind() == AccountKind.CONSIGNEE ? "consignee" : "shipper",
					spec.shortName() + "仓", spec.warehouse(), spec.contact(), spec.phone()), Viewer.system(), headActor);
			grading.record(id, last, new Metrics(new BigDecimal(spec.revenue()), new BigDecimal(spec.margin()),
					spec.difficulty(), new BigDecimal(spec.staff()), new BigDecimal(spec.punctuality())), Viewer.system(),
					headActor);
			// contracts: two end soon (alerts at two months and one month), the others later
			int days = switch (i) {
				case 0 -> 40;
				case 1 -> 20;
				default -> 120 + 45 * i;
			};
			long contract = contracts.register(id, new Contracts.NewContract("contract", "CP-" + (today.getYear() - 1)
					+ String.format("-%03d", i + 1), spec.shortName() + "仓储配送合同", today.plusDays(days).minusYears(1),
					today.plusDays(days), null), Viewer.system(), headActor);
			contracts.registerPrice(contract, new Contracts.NewPrice("整车运输 上海—苏州", "车次",
					new BigDecimal(1800 + 50 * i), "CNY"), Viewer.system(), headActor);
			contracts.registerPrice(contract, new Contracts.NewPrice("仓储费", "托盘/天", new BigDecimal("1.80"), "CNY"),
					Viewer.system(), headActor);
			if (i == 0) {
				contracts.checkPrice(id, "整车运输 上海—苏州", "车次", new BigDecimal("1650"), today.minusDays(3),
						Viewer.system(), headActor);
				long line = growth.propose(id, new Growth.NewLine("华南仓配一体化", "广州白云仓至华南门店的仓储和配送",
						new BigDecimal("180000"), YearMonth.from(today).minusMonths(2).atDay(1)), Viewer.system(),
						Actor.user(manager.value(), spec.manager(), "10.1.0.31"));
				growth.decide(line, true, "同意，价格已报备", Viewer.system(), headActor);
				for (int m = 2; m >= 1; m--) {
					growth.recordMonth(id, YearMonth.from(today).minusMonths(m), new BigDecimal("1620000"),
							Map.of(line, new BigDecimal(m == 2 ? "96000" : "158000")), Viewer.system(), headActor);
				}
				growth.setTarget(manager, today.getYear(), new BigDecimal("1500000"), headActor);
				growth.setTarget(manager, today.getYear() + 1, new BigDecimal("1800000"), headActor);
			}
			if (i == 1) {
				growth.propose(id, new Growth.NewLine("昆山保税仓出口集拼", "出口电子元器件集拼、报关协助",
						new BigDecimal("65000"), today.plusDays(25)), Viewer.system(),
						Actor.user(manager.value(), spec.manager(), "10.1.0.31"));
			}
			if (i == 2) {
				long onboarding = onboardings.open(id, null, "冷链城配上线（杭州—上海）", Viewer.system(), headActor);
				onboardings.sendLaunchNotice(onboarding, today.minusDays(18), Viewer.system(), headActor);
				onboardings.writeRequirements(onboarding, """
						1. 每日 16:00 前接收次日订单计划，17:30 前汇总发运作部门。
						2. 全程 0–4 ℃，温度记录随车单据返回。
						3. 门店收货时间 05:00–08:00，超时须提前 2 小时通知客户。
						4. 签收单 3 个工作日内返回客服部归档。""", Viewer.system(), headActor);
				onboardings.recordTraining(onboarding, today.minusDays(21), 91, "运作部冷链组 8 人", Viewer.system(),
						headActor);
				onboardings.addNote(onboarding, today.minusDays(15), "首周准时率 97%，一次温度超标已整改", Viewer.system(),
						headActor);
				onboardings.addNote(onboarding, today.minusDays(6), "签收单回传及时，客户反馈良好", Viewer.system(), headActor);
			}
			i++;
		}
		grading.grade(last, "quarterly", headActor);
		for (TagRule rule : tagRules.all()) {
			tagRules.run(rule.id(), Actor.system());
		}
		segments.save("近期投诉客户", new CustomerFilter(null, Set.of("complained-2x-90d"), Set.of()), headActor);
	}

	private UserId user(String username) {
		return users.findByUsername(username).map(UserSummary::id).orElseThrow();
	}
}
