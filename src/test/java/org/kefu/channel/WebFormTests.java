package org.kefu.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.support.WebSession;
import org.kefu.ticket.Queues;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The public web form: a request without signing in, spam caught by the honeypot and the rate limit. */
@KefuTest
@Tag("api")
class WebFormTests {

	@LocalServerPort
	int port;

	@Autowired
	Customers customers;

	@Autowired
	Queues queues;

	@Test
	void aVisitorSendsARequestAndGetsItsNumberAndBotsAndFloodsAreStopped() {
		WebSession visitor = WebSession.anonymous(port, "zh-CN");
		assertThat(visitor.get("/forms").body()).contains("售后");
		String form = visitor.get("/forms/after_sales").body();
		assertThat(form).contains("name=\"website\"");

		String email = Fixtures.unique("visitor") + "@example.com";
		HttpResponse<String> sent = visitor.submit("/forms/after_sales", "/forms/after_sales", Map.of("name", "郑女士",
				"email", email, "subject", "空调漏水", "description", "室内机一直滴水", "website", ""));
		assertThat(sent.statusCode()).isEqualTo(302);
		String thanks = visitor.get("/forms/after_sales/thanks").body();
		assertThat(thanks).contains("我们已收到您的请求，编号为");
		var customer = customers.findByIdentity(IdentityType.EMAIL, email).orElseThrow();
		assertThat(queues.ofCustomer(customer.id(), 5)).singleElement().satisfies(t -> {
			assertThat(t.subject()).isEqualTo("空调漏水");
			assertThat(t.channel().code()).isEqualTo("form");
			assertThat(t.businessType()).isEqualTo("after_sales");
		});

		HttpResponse<String> noContact = visitor.submit("/forms/after_sales", "/forms/after_sales", Map.of("name", "钱先生",
				"subject", "电视花屏", "description", "开机后画面有竖条纹"));
		assertThat(noContact.statusCode()).isEqualTo(400);
		assertThat(noContact.body()).contains("请留下电话或邮箱").as("what was typed stays").contains("开机后画面有竖条纹")
			.contains("value=\"电视花屏\"");

		String botEmail = Fixtures.unique("bot") + "@example.com";
		visitor.submit("/forms/inquiry", "/forms/inquiry", Map.of("name", "bot", "email", botEmail, "subject", "buy",
				"description", "cheap", "website", "http://spam.example"));
		assertThat(customers.findByIdentity(IdentityType.EMAIL, botEmail)).as("the honeypot").isEmpty();

		HttpResponse<String> flooded = null;
		for (int i = 0; i < 4; i++) {
			flooded = visitor.submit("/forms/inquiry", "/forms/inquiry", Map.of("name", "x", "email",
					Fixtures.unique("flood") + "@example.com", "subject", "s", "description", "d"));
		}
		assertThat(flooded.statusCode()).isEqualTo(429);
		assertThat(visitor.get("/forms/no_such_type").statusCode()).isEqualTo(404);
	}
}
