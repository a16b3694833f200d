package org.kefu.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kefu.channel.WebForms;
import org.kefu.customer.CustomerTags;
import org.kefu.customer.CustomerView;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.shared.Actor;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.support.WebSession;
import org.kefu.ticket.Author;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.TicketDetail;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.Visibility;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Email against a real mail server (GreenMail speaking IMAP and SMTP): a customer's mail becomes
 * a ticket, the agent's answer reaches them threaded, their answer lands on the same ticket; mail
 * read twice lands once; automatic replies, loops and bounces are recognised; a reply the server
 * refuses is retried, then marked failed, and can be sent again.
 */
@KefuTest
@Tag("api")
class MailTests {

	private static final Charset GBK = Charset.forName("GBK");

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

	@LocalServerPort
	int port;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	MailFetcher fetcher;

	@Autowired
	MailOutbox outbox;

	@Autowired
	Tickets tickets;

	@Autowired
	Customers customers;

	@Autowired
	CustomerTags tags;

	@Autowired
	WebForms webForms;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	String address;
	GreenMailUser service;
	Mailbox mailbox;

	@BeforeEach
	void mailbox() {
		address = Fixtures.unique("service") + "@kefu.test";
		service = greenMail.setUser(address, address, "mail-secret");
		mailbox = mailboxes.create(new MailboxForm("客服邮箱", address, "127.0.0.1", greenMail.getImap().getPort(), "none",
				address, "mail-secret", null, "127.0.0.1", greenMail.getSmtp().getPort(), "none", null, null, true),
				Actor.system());
	}

	@AfterEach
	void pause() {
		jdbc.sql("update mail_mailbox set active = false").update();
	}

	private void deliver(String raw) throws Exception {
		deliver(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
	}

	private void deliver(byte[] raw) throws Exception {
		service.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
	}

	private static byte[] withBody(String headers, byte[] body) {
		byte[] head = (headers.replace("\n", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
		byte[] all = Arrays.copyOf(head, head.length + body.length);
		System.arraycopy(body, 0, all, head.length, body.length);
		return all;
	}

	private List<MimeMessage> mailTo(String recipient, int atLeast) {
		List<MimeMessage> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			outbox.sendDue();
			found.clear();
			for (MimeMessage m : greenMail.getReceivedMessages()) {
				if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(recipient))) {
					found.add(m);
				}
			}
			return found.size() >= atLeast;
		});
		return found;
	}


	@Test
	void aCustomersGbkMailBecomesATicketAndTheAgentsAnswerAndTheirReplyStayOnIt() throws Exception {
		String customer = Fixtures.unique("chenzhe") + "@example.cn";
		deliver(withBody("""
				From: =?gb2312?B?%s?= <%s>
				To: %s
				Subject: =?gb2312?B?%s?=
				Message-ID: <first-%s>
				MIME-Version: 1.0
				Content-Type: text/plain; charset=gb2312
				Content-Transfer-Encoding: 8bit""".formatted(b64("陈喆", GBK), customer, address, b64("快递三天没到", GBK),
				customer), "您好，订单 20261204 的快递三天没到，麻烦查一下。".getBytes(GBK)));

		MailFetcher.Fetched fetched = fetcher.fetch(mailbox.id());
		assertThat(fetched.landed()).isEqualTo(1);
		assertThat(fetched.error()).isNull();
		CustomerView sender = customers.findByIdentity(IdentityType.EMAIL, customer).orElseThrow();
		assertThat(sender.name()).isEqualTo("陈喆");
		long ticketId = jdbc.sql("select ticket_id from mail_message where message_id = ?").param("first-" + customer)
			.query(Long.class).single();
		TicketDetail detail = tickets.detail(new TicketId(ticketId));
		assertThat(detail.ticket().subject()).isEqualTo("快递三天没到");
		assertThat(detail.ticket().channel()).isEqualTo(Channel.EMAIL);
		assertThat(detail.messages().get(0).body()).contains("订单 20261204 的快递三天没到");
		long number = detail.ticket().number();

		// the customer is told their ticket number, in a mail marked as automatic
		MimeMessage acknowledgement = mailTo(customer, 1).get(0);
		assertThat(acknowledgement.getSubject()).contains("[#" + number + "]");
		assertThat(header(acknowledgement, "Auto-Submitted")).isEqualTo("auto-replied");
		assertThat(header(acknowledgement, "In-Reply-To")).isEqualTo("<first-" + customer + ">");

		// the agent answers on the ticket: the mail goes out threaded under the customer's
		var agent = fixtures.person("agent");
		tickets.reply(new TicketId(ticketId), NewMessage.reply("已为您联系快递公司，明天送达。"), agent.actor());
		MimeMessage answer = mailTo(customer, 2).stream()
			.filter(m -> header(m, "Auto-Submitted") == null).findFirst().orElseThrow();
		assertThat(answer.getSubject()).isEqualTo("Re: 快递三天没到 [#" + number + "]");
		assertThat(header(answer, "In-Reply-To")).isEqualTo("<first-" + customer + ">");
		assertThat(answer.getContent().toString()).contains("明天送达");
		String answerId = header(answer, "Message-ID");

		// the customer answers from their mail program, quoting ours: it lands on the same ticket, no new acknowledgement
		deliver("""
				From: %s
				To: %s
				Subject: =?UTF-8?B?%s?=
				Message-ID: <second-%s>
				In-Reply-To: %s
				References: <first-%s> %s
				Content-Type: text/plain; charset=utf-8

				收到，谢谢！

				------------------ 原始邮件 ------------------
				已为您联系快递公司，明天送达。
				""".formatted(customer, address, b64("Re: 快递三天没到 [#" + number + "]", StandardCharsets.UTF_8),
				customer, answerId, customer, answerId));
		assertThat(fetcher.fetch(mailbox.id()).landed()).isEqualTo(1);
		TicketDetail after = tickets.detail(new TicketId(ticketId));
		assertThat(after.messages()).hasSize(3);
		assertThat(after.messages().get(2).body()).isEqualTo("收到，谢谢！");
		assertThat(after.messages().get(2).author()).isEqualTo(Author.CUSTOMER);
		assertThat(jdbc.sql("select count(*) from mail_outbox where to_address = ? and purpose = 'acknowledge'")
			.param(customer).query(Integer.class).single()).isEqualTo(1);
		assertThat(outbox.ofTicket(ticketId)).extracting(MailOutbox.MailView::direction)
			.containsExactly("inbound", "outbound", "outbound", "inbound");
	}

	@Test
	void mailReadAgainAfterACrashOrByTwoReadersAtOnceLandsOnce() throws Exception {
		String customer = Fixtures.unique("wang") + "@example.com";
		for (int i = 1; i <= 5; i++) {
			deliver("""
					From: %s
					To: %s
					Subject: Return %d
					Message-ID: <ret-%d-%s>
					Content-Type: text/plain; charset=utf-8

					Please take back order %d.""".formatted(customer, address, i, i, customer, i));
		}
		// two nodes reading at once: one reads, the other finds the mailbox busy
		CompletableFuture<MailFetcher.Fetched> one = CompletableFuture.supplyAsync(() -> fetcher.fetch(mailbox.id()));
		CompletableFuture<MailFetcher.Fetched> two = CompletableFuture.supplyAsync(() -> fetcher.fetch(mailbox.id()));
		int landed = one.get().landed() + two.get().landed();
		MailFetcher.Fetched rest = fetcher.fetch(mailbox.id());
		assertThat(landed + rest.landed()).isEqualTo(5);
		long customerId = customers.findByIdentity(IdentityType.EMAIL, customer).orElseThrow().id().value();
		int messagesBefore = messagesOfCustomer(customerId);
		assertThat(messagesBefore).isEqualTo(5); // one ticket continued: the customer came back within the window

		// a crash after landing but before the position was remembered: everything is read again
		jdbc.sql("update mail_mailbox set last_uid = 0 where id = ?").param(mailbox.id()).update();
		MailFetcher.Fetched again = fetcher.fetch(mailbox.id());
		assertThat(again.read()).isEqualTo(5);
		assertThat(again.landed()).isZero();
		assertThat(again.duplicates()).isEqualTo(5);
		assertThat(messagesOfCustomer(customerId)).isEqualTo(5);

		// a mail without a Message-ID, read twice, is known by its content
		String anonymous = """
				From: %s
				To: %s
				Subject: no id

				Where is my refund?""".formatted(customer, address);
		deliver(anonymous);
		assertThat(fetcher.fetch(mailbox.id()).landed()).isEqualTo(1);
		jdbc.sql("update mail_mailbox set last_uid = 0 where id = ?").param(mailbox.id()).update();
		assertThat(fetcher.fetch(mailbox.id()).duplicates()).isEqualTo(6);
		assertThat(messagesOfCustomer(customerId)).isEqualTo(6);
	}

	private int messagesOfCustomer(long customer) {
		return jdbc.sql("""
				select count(*) from ticket_message m join ticket t on t.id = m.ticket_id
				where t.customer_id = ? and m.author_type = 'customer'""").param(customer).query(Integer.class).single();
	}

	@Test
	void automaticRepliesAndLoopsAreNeverAnsweredAndABounceIsNotedOnTheCustomer() throws Exception {
		String customer = Fixtures.unique("li") + "@example.com";
		deliver("""
				From: %s
				To: %s
				Subject: Invoice title wrong
				Message-ID: <inv-%s>
				Content-Type: text/plain

				The invoice title is wrong.""".formatted(customer, address, customer));
		fetcher.fetch(mailbox.id());
		long ticketId = jdbc.sql("select ticket_id from mail_message where message_id = ?").param("inv-" + customer)
			.query(Long.class).single();
		MimeMessage acknowledgement = mailTo(customer, 1).get(0);
		String acknowledgementId = header(acknowledgement, "Message-ID");

		// their out-of-office answers our acknowledgement: noted on the ticket, not answered, status unchanged
		deliver("""
				From: %s
				To: %s
				Subject: =?UTF-8?B?%s?=
				Auto-Submitted: auto-replied
				Message-ID: <ooo-%s>
				In-Reply-To: %s
				Content-Type: text/plain

				I am on leave until Monday.""".formatted(customer, address,
				b64("自动回复: Invoice title wrong", StandardCharsets.UTF_8), customer, acknowledgementId));
		// a mail that is Kefu's own coming back (a forwarding rule pointing at itself)
		deliver("""
				From: %s
				To: %s
				Subject: loop
				X-Kefu-Loop: %s
				Message-ID: <loop-%s>
				Content-Type: text/plain

				looping""".formatted(address, address, address, customer));
		MailFetcher.Fetched fetched = fetcher.fetch(mailbox.id());
		assertThat(fetched.landed()).isEqualTo(2);
		assertThat(kind("ooo-" + customer)).isEqualTo("auto_reply");
		assertThat(kind("loop-" + customer)).isEqualTo("loop");
		TicketDetail detail = tickets.detail(new TicketId(ticketId));
		assertThat(detail.messages()).hasSize(2);
		assertThat(detail.messages().get(1).visibility()).isEqualTo(Visibility.INTERNAL);
		assertThat(detail.messages().get(1).body()).contains("on leave");
		assertThat(jdbc.sql("select count(*) from mail_outbox where to_address = ?").param(customer)
			.query(Integer.class).single()).isEqualTo(1);

		// the agent's answer bounces: the customer is tagged and the ticket says why
		tickets.reply(new TicketId(ticketId), NewMessage.reply("Corrected."), fixtures.person("agent").actor());
		MimeMessage answer = mailTo(customer, 2).stream().filter(m -> header(m, "Auto-Submitted") == null)
			.findFirst().orElseThrow();
		deliver("""
				From: MAILER-DAEMON@mx.example.com
				To: %s
				Subject: Undelivered Mail Returned to Sender
				Message-ID: <dsn-%s>
				Content-Type: multipart/report; report-type=delivery-status; boundary="r"

				--r
				Content-Type: text/plain

				Your message could not be delivered.
				--r
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.example.com

				Final-Recipient: rfc822; %s
				Action: failed
				Status: 5.2.2
				Diagnostic-Code: smtp; 552 5.2.2 mailbox full
				--r
				Content-Type: text/rfc822-headers

				Message-ID: %s
				--r--
				""".formatted(address, customer, customer, header(answer, "Message-ID")));
		fetcher.fetch(mailbox.id());
		assertThat(kind("dsn-" + customer)).isEqualTo("bounce");
		CustomerView person = customers.findByIdentity(IdentityType.EMAIL, customer).orElseThrow();
		assertThat(tags.of(List.of(person.id())).get(person.id())).contains(MailIntake.BOUNCED_TAG);
		assertThat(tickets.detail(new TicketId(ticketId)).messages()).last()
			.satisfies(m -> assertThat(m.body()).contains("[bounce]", "5.2.2", "mailbox full"));
	}

	private String kind(String messageId) {
		return jdbc.sql("select kind from mail_message where message_id = ?").param(messageId).query(String.class)
			.single();
	}

	@Test
	void aReplyTheServerCannotTakeIsRetriedThenFailedAndCanBeSentAgain() throws Exception {
		String customer = Fixtures.unique("zhao") + "@example.com";
		// an SMTP server that is not there
		jdbc.sql("update mail_mailbox set smtp_port = 1, acknowledge = false where id = ?").param(mailbox.id()).update();
		deliver("""
				From: %s
				To: %s
				Subject: Broken parcel
				Message-ID: <broken-%s>

				The parcel arrived broken.""".formatted(customer, address, customer));
		fetcher.fetch(mailbox.id());
		long ticketId = jdbc.sql("select ticket_id from mail_message where message_id = ?").param("broken-" + customer)
			.query(Long.class).single();
		tickets.reply(new TicketId(ticketId), NewMessage.reply("We will send a new one."), fixtures.person("agent").actor());
		await().atMost(Duration.ofSeconds(10)).until(() -> outbox.ofTicket(ticketId).stream()
			.anyMatch(m -> m.direction().equals("outbound")));
		for (int attempt = 0; attempt < MailOutbox.MAX_ATTEMPTS + 2; attempt++) {
			jdbc.sql("update mail_outbox set next_attempt_at = now() - interval '1 second' where ticket_id = ? and status = 'pending'")
				.param(ticketId).update();
			outbox.sendDue();
		}
		MailOutbox.MailView failed = outbox.ofTicket(ticketId).stream().filter(m -> m.direction().equals("outbound"))
			.findFirst().orElseThrow();
		assertThat(failed.status()).isEqualTo("failed");
		assertThat(failed.attempts()).isEqualTo(MailOutbox.MAX_ATTEMPTS);
		assertThat(failed.note()).contains("Connect");
		assertThat(tickets.detail(new TicketId(ticketId)).messages()).last()
			.satisfies(m -> assertThat(m.body()).startsWith("[mail not sent] " + customer));

		// the administrator fixes the server; the agent sends it again from the ticket's page
		jdbc.sql("update mail_mailbox set smtp_port = ? where id = ?").params(greenMail.getSmtp().getPort(), mailbox.id())
			.update();
		var agent = fixtures.person("agent");
		WebSession page = WebSession.signIn(port, agent.username(), Fixtures.PASSWORD, "en");
		String card = page.get("/mail/tickets/" + ticketId).body();
		assertThat(card).contains("not sent", "Send again");
		HttpResponse<String> retried = page.submit("/tickets/" + tickets.summary(new TicketId(ticketId)).number(),
				"/mail/outbox/" + failed.id() + "/retry", Map.of());
		assertThat(retried.statusCode()).isLessThan(400);
		MimeMessage delivered = mailTo(customer, 1).get(0);
		assertThat(delivered.getContent().toString()).contains("We will send a new one.");
		assertThat(outbox.ofTicket(ticketId).stream().filter(m -> m.direction().equals("outbound")).findFirst()
			.orElseThrow().status()).isEqualTo("sent");
	}

	@Test
	void htmlMailIsShownSanitisedWithRemoteImagesBlockedUntilTheAgentAllowsThem() throws Exception {
		String customer = Fixtures.unique("html") + "@example.com";
		deliver("""
				From: %s
				To: %s
				Subject: Photo of the damage
				Message-ID: <html-%s>
				Content-Type: text/html; charset=utf-8

				<p onclick="steal()">See <b>photo</b></p><script>alert(1)</script><img src="https://tracker.example/p.gif">
				""".formatted(customer, address, customer));
		fetcher.fetch(mailbox.id());
		long ticketId = jdbc.sql("select ticket_id from mail_message where message_id = ?").param("html-" + customer)
			.query(Long.class).single();
		assertThat(tickets.detail(new TicketId(ticketId)).messages().get(0).body()).isEqualTo("See photo");
		long mailId = jdbc.sql("select id from mail_message where message_id = ?").param("html-" + customer)
			.query(Long.class).single();
		var agent = fixtures.person("agent");
		WebSession page = WebSession.signIn(port, agent.username(), Fixtures.PASSWORD, "zh-CN");
		assertThat(page.get("/mail/tickets/" + ticketId).body()).contains("已拦截 1 张外部图片");
		HttpResponse<String> frame = page.get("/mail/messages/" + mailId + "/html");
		assertThat(frame.statusCode()).isEqualTo(200);
		assertThat(frame.body()).contains("<b>photo</b>", "https://tracker.example/p.gif")
			.doesNotContain("<script", "onclick");
		String policy = frame.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("img-src 'self' data:;").doesNotContain("https:").contains("default-src 'none'");
		assertThat(page.get("/mail/messages/" + mailId + "/html?remote=true").headers()
			.firstValue("Content-Security-Policy").orElseThrow()).contains("img-src 'self' data: https: http:");
	}

	@Test
	void aMailServerCanHandMailOverByHttpOnceAndOnlyAnAdministratorMay() throws Exception {
		String customer = Fixtures.unique("pipe") + "@example.com";
		String raw = """
				From: %s
				To: %s
				Subject: Piped
				Message-ID: <pipe-%s>

				Delivered by the mail server's pipe.""".formatted(customer, address, customer).replace("\n", "\r\n");
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		java.util.function.Function<String, HttpResponse<String>> post = token -> {
			try {
				return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
						+ "/api/v1/mailboxes/" + mailbox.id() + "/messages"))
					.header("Authorization", "Bearer " + token).header("Content-Type", "message/rfc822")
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString(raw)).build(),
						HttpResponse.BodyHandlers.ofString());
			}
			catch (Exception e) {
				throw new AssertionError(e);
			}
		};
		assertThat(post.apply(fixtures.tokenFor(fixtures.person("agent"))).statusCode()).isEqualTo(403);
		String admin = fixtures.tokenFor(fixtures.person("administrator"));
		HttpResponse<String> first = post.apply(admin);
		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(first.body()).contains("\"outcome\":\"NEW_TICKET\"");
		HttpResponse<String> again = post.apply(admin);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("\"outcome\":\"DUPLICATE\"");
		assertThat(jdbc.sql("select count(*) from mail_message where message_id = ?").param("pipe-" + customer)
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void aWebFormRequestIsConfirmedByMail() {
		String customer = Fixtures.unique("form") + "@example.com";
		WebForms.Submitted submitted = webForms.submit("after_sales", new WebForms.Request("周敏", customer, null,
				"退货", "鞋子尺码不对，想换货。", Map.of(), null), Fixtures.unique("10.0.0"));
		MimeMessage confirmation = mailTo(customer, 1).get(0);
		try {
			assertThat(confirmation.getSubject()).contains("[#" + submitted.number() + "]");
			assertThat(confirmation.getContent().toString()).contains("周敏", "#" + submitted.number());
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	private static String header(MimeMessage m, String name) {
		try {
			return m.getHeader(name, null);
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	private static String b64(String text, Charset charset) {
		return Base64.getEncoder().encodeToString(text.getBytes(charset));
	}
}
