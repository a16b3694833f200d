package org.kefu.demo;

import java.time.LocalDate;
import java.util.List;

import org.kefu.classify.ContactClassifier;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.knowledge.Articles;
import org.kefu.knowledge.Articles.ArticleInput;
import org.kefu.knowledge.Categories;
import org.kefu.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The demo center's knowledge: the questions an online shop's customers ask most, in Chinese and
 * English, written by the team lead and approved by the administrator (so the bot can answer at
 * once), one internal article for agents, and a classifier trained on the demo's resolved tickets.
 */
@Component
class DemoKnowledge {

	private static final Logger log = LoggerFactory.getLogger(DemoKnowledge.class);

	private final Articles articles;
	private final Categories categories;
	private final Users users;
	private final ContactClassifier classifier;

	DemoKnowledge(Articles articles, Categories categories, Users users, ContactClassifier classifier) {
		this.articles = articles;
		this.categories = categories;
		this.users = users;
		this.classifier = classifier;
	}

	/** Category slug, language, visibility, title, answer, phrasings (separated by |). */
	static final String[][] FAQS = {
		{ "refunds", "zh-CN", "public", "退款多久能到账？",
				"<p>退款审核通过后，会<strong>原路退回</strong>到您付款的账户：</p><ul><li>微信、支付宝：1–3 个工作日</li><li>银行卡：3–7 个工作日</li><li>信用卡：以发卡行入账为准，通常 7 个工作日内</li></ul><p>超过时间仍未到账，请在“我的订单”里查看退款进度，或联系人工客服。</p>",
				"退钱要多久|钱什么时候退回来|退款怎么还没到账|申请退款后多久到账" },
		{ "refunds", "zh-CN", "public", "怎么申请退款？",
				"<p>打开“我的订单”，找到要退款的订单，点<strong>申请售后 → 仅退款</strong>（未收到货）或<strong>退货退款</strong>（已收到货），选择原因并提交。</p><p>商家会在 24 小时内处理，审核通过后按原路退款。</p>",
				"我要退款|如何退款|不想要了能退钱吗|退款在哪里申请" },
		{ "refunds", "zh-CN", "public", "七天无理由退货怎么操作？",
				"<p>签收后 7 天内、商品不影响二次销售，可以申请七天无理由退货：</p><ol><li>在订单里点“申请售后 → 退货退款”，原因选“七天无理由”。</li><li>审核通过后按页面上的地址寄回，填写快递单号。</li><li>仓库签收后 1–2 个工作日内退款。</li></ol><p>定制商品、生鲜和已拆封的贴身用品不支持无理由退货。</p>",
				"收到货不喜欢可以退吗|七天无理由|怎么退货|退货地址在哪" },
		{ "refunds", "zh-CN", "public", "商品坏了或者有质量问题怎么办？",
				"<p>很抱歉给您带来不便。请在订单里点“申请售后”，选择<strong>换货</strong>或<strong>退货退款</strong>，并上传破损或故障位置的照片。质量问题的来回运费由我们承担。</p>",
				"收到的东西坏了|商品破损|质量有问题|东西用了几天就坏了" },
		{ "orders", "zh-CN", "public", "下单后多久发货？",
				"<p>现货商品在付款后 <strong>24 小时内</strong>发货，预售商品按商品页写明的时间发货。大促期间（如双11、双12）可能延迟到 48–72 小时。</p>",
				"什么时候发货|怎么还不发货|多久能发出|付款了还没发货" },
		{ "orders", "zh-CN", "public", "怎么查物流？",
				"<p>在“我的订单”里点开订单，就能看到快递公司、运单号和最新的物流状态。物流超过 3 天没有更新，请联系人工客服帮您催件。</p>",
				"快递到哪了|物流信息怎么看|查快递|包裹在哪里" },
		{ "orders", "zh-CN", "public", "下单后能修改收货地址吗？",
				"<p>订单<strong>发货前</strong>可以在订单详情里点“修改地址”。已经发货的订单，请联系人工客服，我们尝试联系快递改派，但不能保证成功。</p>",
				"地址填错了|改地址|换个收货地址|收货人写错了" },
		{ "orders", "zh-CN", "public", "怎么取消订单？",
				"<p>未发货的订单，在订单详情里点“取消订单”，款项会原路退回。已发货的订单不能取消，请在收货后申请退货。</p>",
				"不想要了怎么取消|取消订单|订单能撤销吗" },
		{ "orders", "zh-CN", "public", "快递显示签收了，但我没收到？",
				"<p>请先问问家人、门卫、快递柜或驿站。仍找不到的话，请在签收后 48 小时内联系人工客服，我们会和快递公司核实，确认丢件后补发或退款。</p>",
				"显示已签收没收到货|包裹丢了|没收到东西却显示签收" },
		{ "account", "zh-CN", "public", "怎么开发票？",
				"<p>订单完成后，在订单详情里点“申请开票”，填写抬头和税号即可。电子发票会在 3 个工作日内发到您的邮箱；需要增值税专用发票，请联系人工客服。</p>",
				"发票在哪里开|要开发票|开票|能开专票吗|电子发票怎么下载" },
		{ "account", "zh-CN", "public", "忘记密码怎么办？",
				"<p>在登录页点“忘记密码”，输入注册手机号，收到验证码后设置新密码。手机号不再使用的，请联系人工客服核实身份后更换。</p>",
				"密码忘了|登录不上|重置密码|找回密码" },
		{ "account", "zh-CN", "public", "优惠券怎么用？",
				"<p>结算时在“优惠券”一栏选择可用的券，满足使用门槛即可抵扣。每个订单只能用一张店铺券和一张平台券；过期的券不能恢复。</p>",
				"优惠券用不了|怎么使用优惠券|券为什么不能用|领的券在哪" },
		{ "account", "zh-CN", "public", "会员积分怎么获得和使用？",
				"<p>每消费 1 元得 1 积分，评价晒图另得 10 积分。100 积分可抵 1 元，在结算页勾选“使用积分”即可。积分每年 12 月 31 日清零上一年获得的部分。</p>",
				"积分有什么用|积分怎么抵扣|积分会过期吗" },
		{ "refunds", "en", "public", "How long does a refund take?",
				"<p>Once the refund is approved, the money goes back <strong>the way you paid</strong>: 1–3 business days for WeChat Pay and Alipay, 3–7 for bank cards. If it has not arrived after that, check the refund in My orders or talk to us.</p>",
				"When will I get my money back|refund not received|how long for my refund" },
		{ "refunds", "en", "public", "How do I return an item?",
				"<p>Within 7 days of delivery, open the order in My orders, choose <strong>Return and refund</strong>, pick a reason and send the item to the address shown. We refund within 2 business days of receiving it.</p>",
				"I want to send it back|return policy|can I return this" },
		{ "orders", "en", "public", "Where is my parcel?",
				"<p>Open the order in My orders to see the carrier, the tracking number and the latest status. If tracking has not moved for 3 days, contact us and we will chase the carrier.</p>",
				"track my order|my package has not arrived|where is my delivery" },
		{ "orders", "en", "public", "Can I change my delivery address?",
				"<p>Before the order ships, use <strong>Change address</strong> on the order. After it has shipped, contact us: we will ask the carrier to redirect it, which is not always possible.</p>",
				"wrong address|update shipping address" },
		{ "account", "en", "public", "How do I get an invoice?",
				"<p>After the order is completed, choose <strong>Request invoice</strong> on the order and enter the company name and tax number. The e-invoice is emailed within 3 business days.</p>",
				"I need a receipt|invoice request|VAT invoice" },
		{ "account", "en", "public", "I forgot my password",
				"<p>On the sign-in page choose <strong>Forgot password</strong>, enter your mobile number and set a new password with the code we text you.</p>",
				"reset password|can't log in|cannot sign in" },
		{ "refunds", "zh-CN", "internal", "【内部】退款超时的处理流程",
				"<p>客户反映退款超过承诺时间未到账时：</p><ol><li>在支付后台查退款流水号，确认是否已出款。</li><li>已出款：把流水号发给客户，请其联系银行查询。</li><li>未出款：升级到财务组（工单转“售后专员”团队），并在 2 小时内回复客户。</li></ol><p>超过 7 个工作日的，按规定补偿 10 元无门槛券。</p>",
				"退款超时怎么处理|客户说退款没到账" },
	};

	void tell() {
		UserSummary author = users.findByUsername("sunli").orElseThrow();
		UserSummary reviewer = users.findByUsername("admin").orElseThrow();
		Actor writer = Actor.user(author.id().value(), author.username(), null);
		Actor approver = Actor.user(reviewer.id().value(), reviewer.username(), null);
		LocalDate reviewBy = LocalDate.now().plusMonths(6);
		for (String[] faq : FAQS) {
			Long category = categories.bySlug(faq[0]).map(Categories.Category::id).orElse(null);
			long id = articles.create(new ArticleInput("faq", faq[1], category, faq[2], author.id().value(), reviewBy,
					faq[3], faq[4], List.of(faq[5].split("\\|"))), writer);
			articles.submit(id, writer);
			articles.approve(id, 1, approver);
		}
		try {
			classifier.train(approver);
		}
		catch (RuntimeException e) {
			log.warn("The demo classifier could not be trained: {}", e.getMessage());
		}
	}
}
