package org.kefu.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kefu.support.IsolatedDatabase;

/**
 * Kefu killed with SIGKILL (kill -9) while it is landing mail, then started again on the same
 * database: every mail lands, and none twice. Kefu runs as a separate process against the
 * PostgreSQL server, as in production; the mail server is GreenMail.
 */
@Tag("server")
class MailCrashTests {

	private static final int MAILS = 240;
	private static final String PASSWORD = "crash-admin-password";

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

	private final HttpClient http = HttpClient.newHttpClient();
	private final List<Process> started = new ArrayList<>();

	@AfterEach
	void stopKefu() {
		started.forEach(Process::destroyForcibly);
	}

	@Test
	void killedWhileLandingMailKefuLandsEveryMailExactlyOnceAfterARestart() throws Exception {
		String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String db = IsolatedDatabase.serverDatabase("kefu_crash_" + id);
		Path data = Path.of("target", "test-data", "crash-" + id).toAbsolutePath();
		Files.createDirectories(data);
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

		int port = freePort();
		Process kefu = start(db, data, port, "first");
		String token = token(port);
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/mailboxes"))
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
			.until(() -> count(db, "select count(*) from mail_message") >= 20);
		kefu.destroyForcibly(); // SIGKILL: no shutdown hook, no transaction finished
		kefu.waitFor();
		long landedBeforeTheCrash = count(db, "select count(*) from mail_message");
		assertThat(landedBeforeTheCrash).as("killed in the middle of reading").isLessThan(MAILS);

		start(db, data, port, "second");
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
			.until(() -> count(db, "select count(*) from mail_message") >= MAILS);
		Thread.sleep(2000); // a mail landed twice would show up now
		assertThat(count(db, "select count(*) from mail_message")).isEqualTo(MAILS);
		assertThat(count(db, "select count(distinct message_id) from mail_message")).isEqualTo(MAILS);
		assertThat(count(db, "select count(*) from ticket_message where author_type = 'customer'"))
			.as("each mail once on a ticket").isEqualTo(MAILS);
		assertThat(count(db, "select count(*) from ticket where channel = 'email'"))
			.as("each of the 40 customers continues one ticket").isEqualTo(40);
		assertThat(count(db, "select count(*) from ticket_message m where author_type = 'customer' and not exists "
				+ "(select 1 from mail_message x where x.ticket_message_id = m.id) and m.id not in "
				+ "(select min(id) from ticket_message group by ticket_id)")).as("every message is a recorded mail")
			.isZero();
	}

	private Process start(String db, Path data, int port, String name) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx768m",
				"-Dkefu.mail.poll-interval=PT1S", "-cp", applicationClassPath(), "org.kefu.KefuApplication");
		builder.environment().put("KEFU_DB_URL", db);
		builder.environment().put("KEFU_DB_USER", System.getenv().getOrDefault("KEFU_TEST_DB_USER", "postgres"));
		builder.environment().put("KEFU_DB_PASSWORD", System.getenv().getOrDefault("KEFU_TEST_DB_PASSWORD", ""));
		builder.environment().put("KEFU_DATA_DIR", data.toString());
		builder.environment().put("KEFU_ADMIN_PASSWORD", PASSWORD);
		builder.environment().put("PORT", String.valueOf(port));
		builder.redirectErrorStream(true).redirectOutput(data.resolve(name + ".log").toFile());
		Process process = builder.start();
		started.add(process);
		await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("Kefu stopped: " + Files.readString(data.resolve(name + ".log")));
			}
			try {
				return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
			}
			catch (IOException e) {
				return false;
			}
		});
		return process;
	}

	/** Kefu's classes and libraries, without the tests' own classes (which would isolate it as a test). */
	private static String applicationClassPath() {
		String all = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return java.util.Arrays.stream(all.split(java.io.File.pathSeparator))
			.filter(entry -> !entry.replace('\\', '/').endsWith("/test-classes"))
			.collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
	}

	private String token(int port) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
		assertThat(m.find()).as(r.body()).isTrue();
		return m.group(1);
	}

	private static long count(String db, String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(db, System.getenv().getOrDefault("KEFU_TEST_DB_USER", "postgres"),
				System.getenv().getOrDefault("KEFU_TEST_DB_PASSWORD", ""));
				Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
