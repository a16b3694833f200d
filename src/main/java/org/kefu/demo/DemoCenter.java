package org.kefu.demo;

import java.util.List;

/**
 * What the demo center is made of: its teams, its people, and the words customers and agents use.
 * Plain data, so that {@link DemoData} reads as the story of loading it.
 */
final class DemoCenter {

	static final String PASSWORD = "kefu-demo";

	private DemoCenter() {
	}

	record TeamSpec(String key, String name, String stage, String parent, String description) {
	}

	record PersonSpec(String username, String name, List<String> roles, List<String> teams, boolean lead) {
	}

	static final List<TeamSpec> TEAMS = List.of(
			new TeamSpec("presale", "售前咨询组", "PRE_SALE", null, "商品咨询、订购"),
			new TeamSpec("order", "订单服务组", "IN_SALE", null, "订单修改、支付、物流"),
			new TeamSpec("logistics", "物流跟踪组", "IN_SALE", "order", "催货、改时配送、物流异常"),
			new TeamSpec("payment", "支付问题组", "IN_SALE", "order", "支付失败、退款进度"),
			new TeamSpec("aftersales", "售后服务组", "AFTER_SALE", null, "维修、安装、质量问题"),
			new TeamSpec("returns", "退换货组", "AFTER_SALE", "aftersales", "拒收、退货、换货"),
			new TeamSpec("quality", "质检组", "QUALITY", null, "服务质量检查、投诉复核"));

	static final List<PersonSpec> PEOPLE = List.of(
			new PersonSpec("admin", "系统管理员", List.of("administrator"), List.of(), false),
			new PersonSpec("zhaomin", "赵敏", List.of("operations_manager"), List.of(), false),
			new PersonSpec("qianlei", "钱磊", List.of("site_supervisor"), List.of("presale", "order", "aftersales"), false),
			new PersonSpec("sunli", "孙丽", List.of("team_lead", "agent"), List.of("presale"), true),
			new PersonSpec("zhouyang", "周洋", List.of("team_lead", "agent"), List.of("order", "logistics"), true),
			new PersonSpec("wufang", "吴芳", List.of("team_lead", "after_sales_specialist"), List.of("aftersales", "returns"), true),
			new PersonSpec("wangfang", "王芳", List.of("agent"), List.of("presale"), false),
			new PersonSpec("lina", "李娜", List.of("agent"), List.of("presale"), false),
			new PersonSpec("zhangwei", "张伟", List.of("agent"), List.of("presale"), false),
			new PersonSpec("liuyang", "刘洋", List.of("agent"), List.of("order"), false),
			new PersonSpec("chenjing", "陈静", List.of("agent"), List.of("order", "payment"), false),
			new PersonSpec("yangguang", "杨光", List.of("delivery_chaser"), List.of("logistics"), false),
			new PersonSpec("huangting", "黄婷", List.of("delivery_chaser"), List.of("logistics"), false),
			new PersonSpec("xuqiang", "徐强", List.of("agent"), List.of("payment"), false),
			new PersonSpec("sunhao", "孙浩", List.of("after_sales_specialist"), List.of("aftersales"), false),
			new PersonSpec("majie", "马杰", List.of("after_sales_specialist"), List.of("aftersales"), false),
			new PersonSpec("hujing", "胡静", List.of("after_sales_specialist"), List.of("returns"), false),
			new PersonSpec("guomin", "郭敏", List.of("agent"), List.of("returns"), false),
			new PersonSpec("heping", "何平", List.of("callback_specialist"), List.of("aftersales"), false),
			new PersonSpec("linxue", "林雪", List.of("agent"), List.of("presale", "order"), false),
			new PersonSpec("emily", "Emily Zhang", List.of("agent"), List.of("presale", "aftersales"), false),
			new PersonSpec("luoqing", "罗青", List.of("qa_inspector"), List.of("quality"), true),
			new PersonSpec("tangwen", "唐文", List.of("trainer"), List.of(), false),
			new PersonSpec("fengkai", "冯凯", List.of("data_analyst"), List.of(), false),
			new PersonSpec("caiyun", "蔡云", List.of("finance"), List.of(), false),
			new PersonSpec("liuqiang", "刘强", List.of("account_manager"), List.of(), false),
			new PersonSpec("wanghui", "王辉", List.of("account_manager"), List.of(), false),
			new PersonSpec("zhengli", "郑丽", List.of("account_assistant"), List.of(), false));

	/** Which team works which business type. */
	static String teamFor(String businessType) {
		return switch (businessType) {
			case "inquiry", "order_placement", "feedback" -> "presale";
			case "order_change" -> "order";
			case "delivery_chase" -> "logistics";
			case "after_sales", "complaint" -> "aftersales";
			case "return_exchange" -> "returns";
			default -> "order";
		};
	}

	static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
			"胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹" };

	static final String[] GIVEN = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
			"娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "婷", "浩", "宇", "欣怡", "子涵", "梓轩",
			"晨", "雪", "一鸣", "佳琪" };

	static final String[] ENGLISH_NAMES = { "James Miller", "Sarah Johnson", "David Brown", "Anna Schmidt",
			"Michael Lee", "Laura Garcia", "Tom Wilson", "Emma Davis", "Kenji Sato", "Olivia Martin" };

	static final String[] PRODUCTS = { "空气净化器", "扫地机器人", "蓝牙耳机", "电饭煲", "变频空调", "滚筒洗衣机", "智能手表",
			"笔记本电脑", "手机", "电动牙刷", "净水器", "冰箱" };

	static final String[] ENGLISH_PRODUCTS = { "air purifier", "robot vacuum", "headphones", "rice cooker",
			"smart watch", "laptop" };

	/** Subjects and first messages per business type; {p} a product, {o} an order number. */
	static String[][] chinese(String businessType) {
		return switch (businessType) {
			case "inquiry" -> new String[][] {
					{ "请问{p}支持七天无理由退货吗？", "你好，我想买一台{p}，请问支持七天无理由退货吗？拆封了还能退吗？" },
					{ "{p}有没有现货", "请问{p}现在有现货吗？今天下单什么时候能发货？" },
					{ "会员积分怎么抵扣", "我有 3000 积分，下单{p}的时候怎么抵扣？页面上没看到入口。" },
					{ "{p}保修期多久", "请问{p}的保修期是多久？是全国联保吗？" },
					{ "发票怎么开", "购买{p}需要开增值税专用发票，请问怎么操作？" } };
			case "order_placement" -> new String[][] {
					{ "公司想批量订购{p}", "我们公司想订购 20 台{p}，请问有企业采购优惠吗？需要走什么流程？" },
					{ "下单时提示库存不足", "我下单{p}的时候一直提示库存不足，但是商品页面显示有货，怎么回事？" },
					{ "电话下单{p}", "我不太会用手机下单，能不能电话帮我订一台{p}？地址是北京市朝阳区。" } };
			case "order_change" -> new String[][] {
					{ "订单{o}想修改收货地址", "订单{o}还没发货，我想把收货地址改成公司地址：上海市浦东新区张江路 88 号。" },
					{ "取消订单{o}", "订单{o}拍错了型号，麻烦帮我取消，谢谢。" },
					{ "查询订单{o}的状态", "订单{o}下单三天了，状态一直是处理中，麻烦帮我查一下。" },
					{ "订单{o}能否改为货到付款", "订单{o}在线支付一直失败，能不能改成货到付款？" } };
			case "after_sales" -> new String[][] {
					{ "{p}无法开机", "上周买的{p}今天突然无法开机了，指示灯也不亮，怎么处理？" },
					{ "{p}有异响", "{p}用了两个月，最近运行时有很大的异响，需要维修吗？" },
					{ "申请上门安装{p}", "订单{o}的{p}已经送到了，请安排师傅上门安装，周末方便。" },
					{ "{p}充电很慢", "{p}充电要五六个小时，说明书上写两小时，是不是有质量问题？" } };
			case "return_exchange" -> new String[][] {
					{ "{p}外包装破损要求退货", "收到的{p}外包装严重破损，机身也有划痕，我要退货。订单号{o}。" },
					{ "{p}想换个颜色", "订单{o}的{p}颜色和图片差别很大，想换成白色的，可以吗？" },
					{ "拒收后退款什么时候到账", "订单{o}我已经拒收了，退款什么时候能到账？" } };
			case "delivery_chase" -> new String[][] {
					{ "订单{o}五天了还没发货", "订单{o}下单五天了还没发货，说好的 48 小时内发货呢？请尽快处理。" },
					{ "快递显示已签收但没收到", "订单{o}物流显示已签收，但是我根本没收到货，也没人给我打电话。" },
					{ "能否改到周六送货", "订单{o}工作日家里没人，能不能改到周六上午送货？" } };
			case "complaint" -> new String[][] {
					{ "投诉快递员态度恶劣", "今天送{p}的快递员态度非常恶劣，还把东西扔在门口，我要投诉！订单{o}。" },
					{ "客服电话一直打不通", "昨天打了十几次客服电话都没人接，问题一直得不到解决，非常失望。" },
					{ "退款两周还没到账", "订单{o}退货两周了，退款还没到账，每次问都说在处理，我要投诉。" },
					{ "商品与描述严重不符", "买的{p}和页面描述完全不一样，功能也缺了好几个，要求退款并赔偿。" } };
			default -> new String[][] {
					{ "建议增加夜间配送", "上班族白天不在家，建议增加晚上 7 点到 10 点的配送时段。" },
					{ "App 下单流程太复杂", "App 下单要点好多步，优惠券也不好找，希望优化一下。" },
					{ "希望支持更多支付方式", "希望能支持花呗分期和信用卡分期付款。" } };
		};
	}

	static final String[][] ENGLISH = {
			{ "inquiry", "Does the {p} ship to Hong Kong?", "Hi, I would like to order a {p}. Do you ship to Hong Kong, and how long does it take?" },
			{ "order_change", "Change delivery address for order {o}", "Hello, please change the delivery address of order {o} to 88 Century Avenue, Shanghai. Thanks!" },
			{ "delivery_chase", "Where is my order {o}?", "My order {o} was placed a week ago and the tracking has not moved for four days. Can you check?" },
			{ "return_exchange", "The {p} arrived damaged", "The {p} in order {o} arrived with a cracked case. I would like a replacement." },
			{ "after_sales", "{p} stopped charging", "My {p} does not charge any more after two weeks of use. What should I do?" },
			{ "complaint", "Refund still not received", "I returned order {o} three weeks ago and still have not received my refund. This is unacceptable." } };

	static final String[] AGENT_REPLIES = {
			"您好，感谢您联系我们。您的问题我已经记录，正在为您核实，请稍等。",
			"您好，已经为您查询到订单信息，我们会在 24 小时内给您答复，请保持电话畅通。",
			"非常抱歉给您带来不便。我已经联系相关部门加急处理，处理结果会第一时间通知您。",
			"您好，按照我们的政策，商品签收 7 天内可以无理由退货，请您保持商品完好并保留包装。",
			"您好，已为您安排师傅上门，师傅会提前一小时电话联系您。",
			"您好，退款已经提交，一般 1 到 3 个工作日原路退回，请注意查收。" };

	static final String[] ENGLISH_REPLIES = {
			"Hello, thank you for contacting us. I am checking this for you now and will get back to you shortly.",
			"Sorry for the trouble. I have escalated this to our logistics team and will update you within 24 hours.",
			"The refund has been issued and should reach your account within 1 to 3 working days." };

	static final String[] CUSTOMER_FOLLOW_UPS = { "好的，谢谢，我等你们消息。", "还是没有解决，请再帮我看看。", "收到了，问题已经解决，谢谢！",
			"我的电话是白天都可以打的。", "请尽快处理，已经等了很久了。" };

	static final String[] INTERNAL_NOTES = { "已联系仓库核实库存，等待回复。", "客户情绪比较激动，注意安抚。", "已提交物流异常工单给快递公司。",
			"VIP 客户，优先处理。", "和财务确认过退款流水，已打款。" };
}
