package org.kefu.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.kefu.notification.Notifications;
import org.kefu.shared.Actor;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.webhook.Webhooks;

import org.springframework.beans.factory.annotation.Autowired;

/** A change to an account's contacts reaches operations at once: a notice in the app and a signed webhook. */
@KefuTest
class AccountChangeNoticeTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	AccountContacts contacts;

	@Autowired
	Webhooks webhooks;

	@Autowired
	Notifications notifications;

	private record Received(String signature, String event, String body) {
	}

	@Test
	void operationsHearsOfANewContactThroughANoticeAndASignedWebhook() throws Exception {
		List<Received> received = new CopyOnWriteArrayList<>();
		HttpServer operations = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		operations.createContext("/kefu", exchange -> {
			received.add(new Received(exchange.getRequestHeaders().getFirst("X-Kefu-Signature"),
					exchange.getRequestHeaders().getFirst("X-Kefu-Event"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(received.size() == 1 ? 500 : 204, -1);
			exchange.close();
		});
		operations.start();
		try {
			Webhooks.Created hook = webhooks.subscribe("http://127.0.0.1:" + operations.getAddress().getPort() + "/kefu",
					Set.of("account.changed"), null);
			Fixtures.Person head = fixtures.person("operations_manager");
			long before = notifications.unread(head.id().value());
			String name = Fixtures.unique("顺达冷链");
			AccountId account = accounts.create(new NewAccount(name, null, AccountKind.BOTH, null, null), Actor.system());

			contacts.addContact(account, new ContactDetailsForm("周主管", "运输调度", "13900001111", null),
					Viewer.system(), Actor.system());

			await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
			Received delivered = received.get(1);
			assertThat(received.get(0).body()).as("the failed first attempt is retried unchanged")
				.isEqualTo(delivered.body());
			assertThat(delivered.event()).isEqualTo("account.changed");
			assertThat(delivered.body()).contains(name).contains("contact_added").contains("周主管");
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(hook.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			assertThat(delivered.signature()).isEqualTo("sha256="
					+ HexFormat.of().formatHex(mac.doFinal(delivered.body().getBytes(StandardCharsets.UTF_8))));

			await().atMost(Duration.ofSeconds(10))
				.until(() -> notifications.unread(head.id().value()) > before);
			assertThat(notifications.of(head.id().value(), null, 5).items().get(0).args()).contains(name);
			assertThat(contacts.changes(java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")), Viewer.system()))
				.anySatisfy(c -> assertThat(c.accountName()).isEqualTo(name));
		}
		finally {
			operations.stop(0);
		}
	}
}
