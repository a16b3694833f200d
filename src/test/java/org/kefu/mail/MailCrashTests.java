package org.kefu.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kefu.support.KefuProcess;

/**
 * Kefu killed with SIGKILL (kill -9) while it is landing mail, then started again on the same
 * database: every mail lands, and none twice. Kefu runs as a separate process against the
 * PostgreSQL server, as in production; the mail server is GreenMail.
 */
@Tag("server")
class MailCrashTests {

	private static final int MAILS = 240;

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void killedWhileLandingMailKefuLandsEveryMailExactlyOnceAfterARestart() throws Exception {
		try (KefuProcess kefu = new KefuProcess("-Dkefu.mail.poll-interval=PT1S")) {
			landEveryMailOnce(kefu);
		}
	}

	private void landEveryMailOnce(KefuProcess kefu) throws Exception {
		String address = "service@crash.test";
		GreenMailUser service = greenMail.setUser(address, address, "mail-secret");
		Session session = Session.getInstance(new Properties());
		for (int i = 0; i < MAILS; i++) {
			String raw = """
					From: customer%d@example.cn
					To: %s
					Subject: =?UTF-8?B?%s?=
					Message-ID: <crash-%d@example.cn>
					Content-Type: text/plain; charset=utf-8

					订单 DD%d 的快递还没到，第 %d 封。""".formatted(i % 40, address,
					java.util.Base64.getEncoder().encodeToString(("快递没到 " + i).getBytes(StandardCharsets.UTF_8)), i, i,
					i / 40 + 1).replace("\n", "\r\n");
			service.deliver(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
		}

		kefu.start();
		String token = kefu.adminToken();
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(kefu.url() + "/api/v1/mailboxes"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"name":"Crash","address":"%s","imapHost":"127.0.0.1","imapPort":%d,"imapSecurity":"none",
					 "imapUser":"%s","imapPassword":"mail-secret","smtpHost":"127.0.0.1","smtpPort":%d,
					 "smtpSecurity":"none","acknowledge":false}""".formatted(address, greenMail.getImap().getPort(), address,
					greenMail.getSmtp().getPort())))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

		// Kefu reads the mailbox on its own every second; kill it while mail is landing
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
			.until(() -> kefu.count("select count(*) from mail_message") >= 20);
		kefu.kill();
		long landedBeforeTheCrash = kefu.count("select count(*) from mail_message");
		assertThat(landedBeforeTheCrash).as("killed in the middle of reading").isLessThan(MAILS);

		kefu.start();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
			.until(() -> kefu.count("select count(*) from mail_message") >= MAILS);
		// and it stays so: a mail landed twice would show up within these seconds
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
			.until(() -> kefu.count("select count(*) from mail_message") == MAILS);
		assertThat(kefu.count("select count(distinct message_id) from mail_message")).isEqualTo(MAILS);
		assertThat(kefu.count("select count(*) from ticket_message where author_type = 'customer'"))
			.as("each mail once on a ticket").isEqualTo(MAILS);
		assertThat(kefu.count("select count(*) from ticket where channel = 'email'"))
			.as("each of the 40 customers continues one ticket").isEqualTo(40);
		assertThat(kefu.count("select count(*) from ticket_message m where author_type = 'customer' and not exists "
				+ "(select 1 from mail_message x where x.ticket_message_id = m.id) and m.id not in "
				+ "(select min(id) from ticket_message group by ticket_id)")).as("every message is a recorded mail")
			.isZero();
	}
}
