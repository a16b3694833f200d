import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

/**
 * (d) Mail landed per second by Kefu from a real IMAP server (Dovecot), against the bare IMAP read of
 * the same mail, in one run; then mail handed over by HTTP against REST ticket creation. See
 * bench/mail.sh.
 */
public class MailBench {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	static final Charset GBK = Charset.forName("GBK");

	public static void main(String[] args) throws Exception {
		Map<String, String> o = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		int count = Integer.parseInt(o.getOrDefault("count", "1000"));
		int piped = Integer.parseInt(o.getOrDefault("piped", "2000"));
		int clients = Integer.parseInt(o.getOrDefault("clients", "8"));
		String url = o.get("url");
		int imapPort = Integer.parseInt(o.get("imap-port"));
		java.nio.file.Path maildir = java.nio.file.Path.of(o.get("maildir"));
		{
			String address = "service@bench.test";
			for (String sub : new String[] { "new", "cur", "tmp" }) {
				java.nio.file.Files.createDirectories(maildir.resolve(sub));
			}
			long d0 = System.nanoTime();
			for (int i = 0; i < count; i++) {
				java.nio.file.Files.write(maildir.resolve("new").resolve(System.currentTimeMillis() + ".b" + i + ".bench"),
						mail(i, address));
			}
			System.out.printf("delivered %d mails into the Dovecot mailbox (Maildir) in %.1f s%n", count,
					(System.nanoTime() - d0) / 1e9);

			// the floor: a plain client reading every mail's bytes over IMAP
			long b0 = System.nanoTime();
			int bytes = 0;
			Properties props = new Properties();
			props.put("mail.imap.partialfetch", "false"); // as Kefu reads: a whole mail in one FETCH
			try (Store store = Session.getInstance(props).getStore("imap")) {
				store.connect("127.0.0.1", imapPort, address, "bench-mail");
				Folder folder = store.getFolder("INBOX");
				folder.open(Folder.READ_ONLY);
				for (Message m : ((UIDFolder) folder).getMessagesByUID(1, UIDFolder.MAXUID)) {
					ByteArrayOutputStream out = new ByteArrayOutputStream();
					m.writeTo(out);
					bytes += out.size();
				}
				folder.close(false);
			}
			double bareSeconds = (System.nanoTime() - b0) / 1e9;
			System.out.printf("bare IMAP read of %d mails: %.1f s%n", count, bareSeconds);

			String token = token(url, o.get("user"), o.get("password"));
			String body = """
					{"name":"Bench","address":"%s","imapHost":"127.0.0.1","imapPort":%d,"imapSecurity":"none",
					 "imapUser":"%s","imapPassword":"bench-mail","smtpHost":"127.0.0.1","smtpPort":%d,
					 "smtpSecurity":"none","acknowledge":false}""".formatted(address, imapPort, address, imapPort);
			HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/mailboxes"))
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
			Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(created.body());
			if (created.statusCode() != 201 || !id.find()) {
				throw new IllegalStateException("mailbox not created: " + created.statusCode() + " " + created.body());
			}
			long mailbox = Long.parseLong(id.group(1));
			try (Connection db = DriverManager.getConnection(o.get("db")); Statement st = db.createStatement()) {
				double kefuSeconds = readAll(url, token, mailbox, st, count);
				long tickets = single(st, "select count(distinct ticket_id) from mail_message where mailbox_id = " + mailbox);
				long messages = single(st, "select count(*) from mail_message where mailbox_id = " + mailbox);
				st.executeUpdate("update mail_mailbox set last_uid = 0 where id = " + mailbox);
				long r0 = System.nanoTime();
				readAll(url, token, mailbox, null, count);
				double rereadSeconds = (System.nanoTime() - r0) / 1e9;
				long after = single(st, "select count(*) from mail_message where mailbox_id = " + mailbox);
				System.out.printf("mails: %d (%,d bytes), landed on %d tickets; mail rows after a full re-read: %d (before: %d)%n",
						count, bytes, tickets, after, messages);
				System.out.printf("| path | seconds | mails/s |%n| --- | --- | --- |%n");
				System.out.printf("| Kefu: read over IMAP, decode, sanitise, land on tickets | %.1f | %,.0f |%n", kefuSeconds,
						count / kefuSeconds);
				System.out.printf("| bare IMAP read of the same mail (plain Jakarta Mail client) | %.1f | %,.0f |%n",
						bareSeconds, count / bareSeconds);
				System.out.printf("| Kefu: the same mail read again after a crash (all known, none landed) | %.1f | %,.0f |%n",
						rereadSeconds, count / rereadSeconds);
				System.out.printf("ratio Kefu/bare read: %.2f%n", bareSeconds / kefuSeconds);

				// the mail server hands mail over by HTTP (pipe): no IMAP in the way
				pipe(url, token, mailbox, clients, Math.min(200, piped), 1_000_000, "warm-up");
				double pipeSeconds = pipe(url, token, mailbox, clients, piped, 2_000_000, "bench");
				double restSeconds = rest(url, token, clients, piped);
				long pipedTickets = single(st, "select count(*) from mail_message where mailbox_id = " + mailbox
						+ " and imap_uid is null and message_id like 'bench-2%'");
				System.out.printf("%n%d mails handed over by %d clients (POST /api/v1/mailboxes/{id}/messages); %d landed%n",
						piped, clients, pipedTickets);
				System.out.printf("| path | seconds | per second |%n| --- | --- | --- |%n");
				System.out.printf("| Kefu: raw mail handed over, decoded, sanitised, landed | %.1f | %,.0f |%n", pipeSeconds,
						piped / pipeSeconds);
				System.out.printf("| Kefu: the same text opened as tickets through the REST API | %.1f | %,.0f |%n",
						restSeconds, piped / restSeconds);
				System.out.printf("ratio mail/REST ticket: %.2f%n", restSeconds / pipeSeconds);
			}
		}
	}

	/** Posts mails offset..offset+count to Kefu from several clients; returns the seconds it took. */
	static double pipe(String url, String token, long mailbox, int clients, int count, int offset, String label)
			throws Exception {
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
		java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
		long start = System.nanoTime();
		java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
		for (int c = 0; c < clients; c++) {
			work.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < count) {
					HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/mailboxes/" + mailbox + "/messages"))
						.header("Authorization", "Bearer " + token).header("Content-Type", "message/rfc822")
						.POST(HttpRequest.BodyPublishers.ofByteArray(mail(offset + i, "service@bench.test"))));
					if (r.statusCode() != 201) {
						failed.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (var f : work) {
			f.get();
		}
		pool.shutdown();
		if (failed.get() > 0) {
			throw new IllegalStateException(failed.get() + " mails refused (" + label + ")");
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/** Opens the same number of tickets with the same text through the REST API; returns the seconds. */
	static double rest(String url, String token, int clients, int count) throws Exception {
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
		java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
		long start = System.nanoTime();
		java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
		for (int c = 0; c < clients; c++) {
			work.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < count) {
					String body = """
							{"subject":"订单 DD%d 物流三天没有更新","description":"您好，订单 DD%d 已经三天没有物流更新了，麻烦尽快核实。",
							"businessType":"inquiry","priority":"normal","channel":"email",
							"customer":{"name":"客户%d","email":"rest%d@example.cn"}}""".formatted(i, i, i, i % 500);
					HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/tickets"))
						.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(body)));
					if (r.statusCode() != 201) {
						throw new IllegalStateException("ticket refused: " + r.statusCode() + " " + r.body());
					}
				}
				return null;
			}));
		}
		for (var f : work) {
			f.get();
		}
		pool.shutdown();
		return (System.nanoTime() - start) / 1e9;
	}

	/** Asks Kefu to read the mailbox until it has read every mail; returns the seconds it took. */
	static double readAll(String url, String token, long mailbox, Statement st, int count) throws Exception {
		long start = System.nanoTime();
		int read = 0;
		int rounds = 0;
		while (read < count && rounds++ < count) {
			HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/mailboxes/" + mailbox + "/fetch"))
				.header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
			Matcher m = Pattern.compile("\"read\":(\\d+)").matcher(r.body());
			if (r.statusCode() != 200 || !m.find()) {
				throw new IllegalStateException("fetch failed: " + r.statusCode() + " " + r.body());
			}
			if (r.body().contains("\"error\":\"busy\"")) {
				Thread.sleep(50);
				continue;
			}
			if (!r.body().contains("\"error\":null")) {
				throw new IllegalStateException("fetch failed: " + r.body());
			}
			read += Integer.parseInt(m.group(1));
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/** Mail number i: every fourth customer writes again; a mix of what real mailboxes hold. */
	static byte[] mail(int i, String to) {
		String from = "customer" + (i % 500) + "@example.cn";
		String head = "From: =?UTF-8?B?" + b64("客户" + i, StandardCharsets.UTF_8) + "?= <" + from + ">\r\nTo: " + to
				+ "\r\nSubject: =?UTF-8?B?" + b64("订单 DD" + i + " 物流三天没有更新", StandardCharsets.UTF_8)
				+ "?=\r\nMessage-ID: <bench-" + i + "@example.cn>\r\nMIME-Version: 1.0\r\n";
		String text = "您好，订单 DD" + i + " 已经三天没有物流更新了，麻烦尽快核实。收件地址：上海市浦东新区张江路 " + i + " 号。";
		byte[] headBytes;
		byte[] body;
		switch (i % 4) {
			case 0 -> {
				headBytes = (head + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				body = text.getBytes(StandardCharsets.UTF_8);
			}
			case 1 -> {
				headBytes = (head + "Content-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				body = text.getBytes(GBK);
			}
			case 2 -> {
				headBytes = (head + "Content-Type: multipart/related; boundary=\"r" + i + "\"\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				body = ("--r" + i + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
						+ b64("<html><body><p style=\"color:#333\">" + text + "</p><img src=\"cid:logo" + i
								+ "\"><img src=\"https://tracker.example/p.gif\"><script>x()</script></body></html>",
								StandardCharsets.UTF_8)
						+ "\r\n--r" + i + "\r\nContent-Type: image/png\r\nContent-ID: <logo" + i
						+ ">\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64bytes(new byte[2048]) + "\r\n--r" + i + "--\r\n")
					.getBytes(StandardCharsets.US_ASCII);
			}
			default -> {
				headBytes = (head + "Content-Type: multipart/mixed; boundary=\"m" + i + "\"\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				body = ("--m" + i + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
						+ b64(text, StandardCharsets.UTF_8) + "\r\n--m" + i
						+ "\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8"
						+ i + ".pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64bytes(new byte[16384]) + "\r\n--m" + i
						+ "--\r\n").getBytes(StandardCharsets.US_ASCII);
			}
		}
		byte[] all = new byte[headBytes.length + body.length];
		System.arraycopy(headBytes, 0, all, 0, headBytes.length);
		System.arraycopy(body, 0, all, headBytes.length, body.length);
		return all;
	}

	static String b64(String text, Charset charset) {
		return Base64.getEncoder().encodeToString(text.getBytes(charset));
	}

	static String b64bytes(byte[] bytes) {
		return Base64.getMimeEncoder().encodeToString(bytes);
	}

	static String token(String url, String user, String password) throws Exception {
		HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")));
		Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
		if (!m.find()) {
			throw new IllegalStateException("No token: " + r.statusCode() + " " + r.body());
		}
		return m.group(1);
	}

	static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(300)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	static long single(Statement st, String sql) throws Exception {
		try (ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
