package org.kefu.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/** Reading mail as senders really write it: Chinese charsets, encoded headers, hostile HTML, bounces. */
class MailParserTests {

	private static final Charset GBK = Charset.forName("GBK");

	private static byte[] mail(String headers, byte[] body) {
		String block = headers.replace("\n", "\r\n") + "\r\n\r\n";
		// raw 8-bit headers: bytes given as Latin-1 characters stay those bytes, other text is UTF-8
		byte[] head = block.chars().allMatch(c -> c <= 0xff) ? block.getBytes(StandardCharsets.ISO_8859_1)
				: block.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[head.length + body.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(body, 0, all, head.length, body.length);
		return all;
	}

	@Test
	void gbkTextDeclaredAsGb2312IsReadWithTheCharactersOnlyGbkHas() throws Exception {
		// 镕 and 喆 are in GBK but not in GB2312: mailers still label such mail gb2312
		String text = "您好，我是朱镕的同事陈喆，订单 20261204 的快递还没到。";
		byte[] raw = mail("""
				From: =?gb2312?B?%s?= <chenzhe@example.cn>
				To: service@kefu.test
				Subject: =?gb2312?B?%s?=
				Message-ID: <gbk-1@example.cn>
				MIME-Version: 1.0
				Content-Type: text/plain; charset=gb2312
				Content-Transfer-Encoding: 8bit""".formatted(b64("陈喆", GBK), b64("快递没到", GBK)), text.getBytes(GBK));
		ParsedMail parsed = MailParser.parse(raw);
		assertThat(parsed.text()).isEqualTo(text);
		assertThat(parsed.subject()).isEqualTo("快递没到");
		assertThat(parsed.fromName()).isEqualTo("陈喆");
		assertThat(parsed.fromAddress()).isEqualTo("chenzhe@example.cn");
		assertThat(parsed.messageId()).isEqualTo("gbk-1@example.cn");
	}

	@Test
	void undeclaredEightBitChineseAndRawEightBitHeadersAreReadAsGb18030OrUtf8() throws Exception {
		String text = "退货申请：商品破损，请尽快处理。";
		byte[] gbkRaw = mail("From: li@example.cn\nSubject: " + new String("退货".getBytes(GBK), StandardCharsets.ISO_8859_1)
				+ "\nContent-Type: text/plain", text.getBytes(GBK));
		ParsedMail gbk = MailParser.parse(gbkRaw);
		assertThat(gbk.text()).isEqualTo(text);
		assertThat(gbk.subject()).isEqualTo("退货");
		byte[] utf8Raw = mail("From: li@example.cn\nSubject: "
				+ new String("退货".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)
				+ "\nContent-Type: text/plain", text.getBytes(StandardCharsets.UTF_8));
		ParsedMail utf8 = MailParser.parse(utf8Raw);
		assertThat(utf8.text()).isEqualTo(text);
		assertThat(utf8.subject()).isEqualTo("退货");
	}

	@Test
	void big5QuotedPrintableAndACharacterSplitAcrossTwoEncodedWords() throws Exception {
		byte[] subjectBytes = "發票問題".getBytes("Big5");
		// split the second character's two bytes over two encoded words
		String first = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(subjectBytes, 0, 3));
		String second = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(subjectBytes, 3, subjectBytes.length));
		String body = "發票抬頭寫錯了";
		StringBuilder qp = new StringBuilder();
		for (byte b : body.getBytes("Big5")) {
			qp.append('=').append(String.format("%02X", b & 0xff));
		}
		ParsedMail parsed = MailParser.parse(mail("""
				From: tw@example.tw
				Subject: =?big5?B?%s?=
				 =?big5?B?%s?=
				Content-Type: text/plain; charset="big5"
				Content-Transfer-Encoding: quoted-printable""".formatted(first, second), qp.toString().getBytes()));
		assertThat(parsed.subject()).isEqualTo("發票問題");
		assertThat(parsed.text()).isEqualTo(body);
	}

	@Test
	void rfc2231FileNamesAndInlineImagesAreKept() throws Exception {
		String raw = """
				From: a@example.com
				Subject: =?UTF-8?Q?=E5=8F=91=E7=A5=A8?=
				Content-Type: multipart/related; boundary="b1"

				--b1
				Content-Type: text/html; charset=utf-8

				<p>见图 <img src="cid:logo@x"></p>
				--b1
				Content-Type: image/png
				Content-ID: <logo@x>
				Content-Transfer-Encoding: base64

				iVBORw0KGgo=
				--b1
				Content-Type: application/pdf
				Content-Disposition: attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf
				Content-Transfer-Encoding: base64

				JVBERi0xLjQ=
				--b1--
				""".replace("\n", "\r\n");
		ParsedMail parsed = MailParser.parse(raw.getBytes(StandardCharsets.UTF_8));
		assertThat(parsed.subject()).isEqualTo("发票");
		assertThat(parsed.text()).isEqualTo("见图");
		assertThat(parsed.attachments()).extracting(ParsedMail.Part::filename).containsExactly("part-1.png", "发票.pdf");
		assertThat(parsed.attachments().get(0).inline()).isTrue();
		assertThat(parsed.attachments().get(0).contentId()).isEqualTo("logo@x");
		assertThat(new String(parsed.attachments().get(1).content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");
		String safe = MailHtml.sanitise(parsed.html(), Map.of("logo@x", 42L));
		assertThat(safe).contains("src=\"/attachments/42\"");
	}

	@Test
	void htmlMailLosesScriptsHandlersAndFormsButKeepsFormattingAndCountsRemoteImages() {
		String hostile = """
				<html><head><style>body{background:url(http://evil/x)}</style><script>alert(1)</script></head>
				<body onload="steal()"><p style="color:red" onclick="x()">退款<b>已处理</b></p>
				<img src="https://tracker.example/pixel.gif"><a href="javascript:alert(1)">click</a>
				<a href="https://shop.example/order/1">订单</a><iframe src="https://evil"></iframe>
				<form action="https://evil"><input name="pw"></form></body></html>""";
		String safe = MailHtml.sanitise(hostile, Map.of());
		assertThat(safe).doesNotContain("script", "onload", "onclick", "javascript:", "iframe", "<form", "<input",
				"evil/x");
		assertThat(safe).contains("<b>已处理</b>", "href=\"https://shop.example/order/1\"", "rel=\"noopener noreferrer\"");
		assertThat(MailHtml.remoteImages(safe)).isEqualTo(1);
		assertThat(MailHtml.toText(hostile)).contains("退款已处理").doesNotContain("alert");
	}

	@Test
	void autoRepliesBulkMailAndBouncesAreRecognised() throws Exception {
		ParsedMail ooo = MailParser.parse(mail("From: a@example.com\nSubject: 自动回复: 您的工单\nContent-Type: text/plain",
				"我正在休假".getBytes(StandardCharsets.UTF_8)));
		assertThat(ooo.autoReply()).isTrue();
		ParsedMail rfc3834 = MailParser.parse(mail("From: a@example.com\nSubject: Re: order\nAuto-Submitted: auto-replied",
				"away".getBytes()));
		assertThat(rfc3834.autoReply()).isTrue();
		ParsedMail person = MailParser.parse(mail("From: a@example.com\nSubject: Re: order\nAuto-Submitted: no",
				"thanks".getBytes()));
		assertThat(person.autoReply()).isFalse();
		assertThat(person.bulk()).isFalse();
		ParsedMail list = MailParser.parse(mail("From: news@example.com\nSubject: Sale\nList-Id: <sale.example.com>",
				"50% off".getBytes()));
		assertThat(list.bulk()).isTrue();

		String dsn = """
				From: MAILER-DAEMON@mx.example.com
				To: service@kefu.test
				Subject: Undelivered Mail Returned to Sender
				Content-Type: multipart/report; report-type=delivery-status; boundary="r"

				--r
				Content-Type: text/plain

				I'm sorry to have to inform you that your message could not be delivered.
				--r
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.example.com

				Final-Recipient: rfc822; Gone@Example.com
				Action: failed
				Status: 5.1.1
				Diagnostic-Code: smtp; 550 5.1.1 user unknown
				--r
				Content-Type: text/rfc822-headers

				Message-ID: <kefu.abc@kefu.test>
				Subject: Re: order [#1001]
				--r--
				""".replace("\n", "\r\n");
		ParsedMail bounce = MailParser.parse(dsn.getBytes(StandardCharsets.US_ASCII));
		assertThat(bounce.bounce()).isNotNull();
		assertThat(bounce.bounce().recipient()).isEqualTo("gone@example.com");
		assertThat(bounce.bounce().status()).isEqualTo("5.1.1");
		assertThat(bounce.bounce().diagnostic()).contains("user unknown");
		assertThat(bounce.bounce().originalMessageId()).isEqualTo("kefu.abc@kefu.test");
	}

	@Test
	void threadingHeadersAreReadNewestFirst() throws Exception {
		ParsedMail parsed = MailParser.parse(mail("""
				From: a@example.com
				Subject: Re: Re: order
				Message-ID: <m3@example.com>
				In-Reply-To: <m2@kefu.test>
				References: <m0@example.com>
				 <m1@kefu.test> <m2@kefu.test>""", "ok".getBytes()));
		assertThat(parsed.references()).containsExactly("m2@kefu.test", "m1@kefu.test", "m0@example.com");
	}

	/**
	 * The awkward real-world messages of Apache James mime4j's test corpus (malformed boundaries,
	 * missing headers, nested messages, Russian headers, odd encodings): every one is read without an
	 * error, and where the corpus records the decoded first text part, Kefu's text contains it.
	 */
	@Test
	void theMime4jCorpusIsReadWithoutErrorsAndTheDecodedTextMatches() throws Exception {
		List<String> names = corpus();
		assertThat(names).hasSizeGreaterThanOrEqualTo(80);
		int compared = 0;
		List<String> mismatched = new ArrayList<>();
		for (String name : names) {
			byte[] raw = read(name);
			ParsedMail parsed = MailParser.parse(raw);
			assertThat(parsed).as(name).isNotNull();
			String expected = expectedFirstText(name);
			if (expected != null && !expected.isBlank()) {
				compared++;
				// the corpus keeps decoded bytes in their own charsets: compare the ASCII text
				String firstLine = ascii(expected.strip().lines().findFirst().orElse("")).strip();
				String all = (parsed.text() == null ? "" : parsed.text()) + "\n"
						+ parsed.attachments().stream().map(p -> new String(p.content(), StandardCharsets.ISO_8859_1))
							.reduce("", String::concat);
				if (!ascii(all).contains(firstLine)) {
					mismatched.add(name);
				}
			}
		}
		assertThat(compared).isGreaterThanOrEqualTo(30);
		assertThat(mismatched).as("messages whose decoded text Kefu lost").isEmpty();
	}

	private static List<String> corpus() throws IOException {
		URL url = MailParserTests.class.getResource("/testmsgs/basic-plain.msg");
		assertThat(url).as("apache-mime4j-core tests jar on the test class path").isNotNull();
		JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
		List<String> names = new ArrayList<>();
		for (JarEntry entry : Collections.list(jar.entries())) {
			if (entry.getName().endsWith(".msg")) {
				names.add(entry.getName());
			}
		}
		Collections.sort(names);
		return names;
	}

	private static byte[] read(String name) throws IOException {
		try (InputStream in = MailParserTests.class.getResourceAsStream("/" + name)) {
			return in.readAllBytes();
		}
	}

	private static String expectedFirstText(String name) throws IOException {
		String base = name.substring(0, name.length() - ".msg".length());
		for (String suffix : List.of("_decoded_1_1.txt", "_decoded_1.txt")) {
			try (InputStream in = MailParserTests.class.getResourceAsStream("/" + base + suffix)) {
				if (in != null) {
					return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
				}
			}
		}
		return null;
	}

	private static String ascii(String text) {
		return text.replaceAll("[^\\x20-\\x7e\\n]", "");
	}

	private static String b64(String text, Charset charset) {
		return Base64.getEncoder().encodeToString(text.getBytes(charset));
	}
}
