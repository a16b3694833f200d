package org.kefu.noticemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kefu.calendar.BusinessCalendar.Interval;
import org.kefu.calendar.Calendars;
import org.kefu.calendar.Calendars.CalendarInput;
import org.kefu.identity.NewUser;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.mail.MailboxForm;
import org.kefu.mail.Mailboxes;
import org.kefu.notification.Notifications;
import org.kefu.shared.Actor;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Notices by mail through a real SMTP server (GreenMail): an assignment and a mention reach an
 * agent at work at once, in their language; an agent whose working hours are over gets the mail at
 * the start of their next working hours; an escalation set to run at night goes at once.
 */
@KefuTest
@Tag("api")
class NoticeMailTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

	@LocalServerPort
	int port;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Users users;

	@Autowired
	Teams teams;

	@Autowired
	Calendars calendars;

	@Autowired
	Notifications notifications;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void quiet() {
		jdbc.sql("update mail_mailbox set active = false").update();
		jdbc.sql("delete from mail_outbox where purpose = 'notice' and status = 'pending'").update();
	}

	private void mailbox() {
		String address = Fixtures.unique("service") + "@kefu.test";
		greenMail.setUser(address, address, "mail-secret");
		mailboxes.create(new MailboxForm("客服中心", address, "127.0.0.1", greenMail.getImap().getPort(), "none", address, "mail-secret", null,
				"127.0.0.1", greenMail.getSmtp().getPort(), "none", null, null, true), Actor.system());
	}

	/** An agent with an email address, in a new team working by this calendar. */
	private Fixtures.Person agent(String email, Locale locale, long calendar) {
		String username = Fixtures.unique("mail-agent");
		UserId id = users.create(new NewUser(username, "邮件坐席 " + username, email, null, "agent-password-1",
				Set.of("agent"), Set.of(), locale), Actor.system());
		long team = fixtures.team(Fixtures.unique("邮件组"));
		teams.setMembers(new TeamId(team), Set.of(id.value()), Set.of(), Actor.system());
		jdbc.sql("insert into team_calendar (team_id, calendar_id) values (?, ?)").params(team, calendar).update();
		return new Fixtures.Person(id, username);
	}

	private long roundTheClock() {
		return calendars.all().stream().filter(c -> c.name().contains("7×24")).findFirst().orElseThrow().id();
	}

	private List<MimeMessage> mailTo(String address) {
		return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
			try {
				return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
			}
			catch (Exception e) {
				return false;
			}
		}).toList();
	}

	@Test
	void anAgentAtWorkHearsOfAnAssignmentAndAMentionByMailInTheirLanguage() throws Exception {
		mailbox();
		String email = Fixtures.unique("lin") + "@staff.kefu.test";
		Fixtures.Person agent = agent(email, Locale.ENGLISH, roundTheClock());
		Api admin = Api.at(port).as(fixtures.tokenFor(fixtures.person("administrator")));
		Api.Response ticket = admin.post("/api/v1/tickets", Map.of("subject", "发票抬头错了", "description", "请改",
				"businessType", "inquiry", "assignee", agent.id().value(),
				"customer", Map.of("name", "钱先生", "phone", "136" + String.format("%08d", (int) (Math.random() * 1e8)))));
		assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
		long number = ticket.json().get("number").asLong();
		await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(email).size() == 1);
		MimeMessage assigned = mailTo(email).getFirst();
		assertThat(assigned.getSubject()).startsWith("[Kefu] #" + number + " 发票抬头错了: ").endsWith("gave it to you");
		assertThat(((String) assigned.getContent())).contains("/tickets/" + number);

		Fixtures.Person colleague = fixtures.person("agent");
		Api.at(port).as(fixtures.tokenFor(colleague)).post("/api/v1/tickets/" + ticket.json().get("id").asLong()
				+ "/messages", Map.of("body", "@" + agent.username() + " 这位客户上周也问过", "visibility", "internal"));
		await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(email).size() == 2);
		assertThat(mailTo(email).get(1).getSubject()).contains("#" + number).endsWith(colleague.username() + " mentioned you");
		assertThat(jdbc.sql("select count(*) from notification where user_id = ? and kind in ('ticket.assigned', 'ticket.mentioned')")
			.param(agent.id().value()).query(Long.class).single()).as("and on the bell").isEqualTo(2);
	}

	@Test
	void afterHoursAMailWaitsForTheNextWorkingMomentUnlessItIsUrgentAtAnyHour() throws Exception {
		mailbox();
		// a calendar whose only working hour is tomorrow morning: now is after hours
		DayOfWeek tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).getDayOfWeek();
		long calendar = calendars.create(new CalendarInput(Fixtures.unique("明早"), "UTC",
				Map.of(tomorrow, List.of(new Interval(9 * 60, 10 * 60))), List.of(), List.of(), false, null), Actor.system());
		String email = Fixtures.unique("zhou") + "@staff.kefu.test";
		Fixtures.Person agent = agent(email, Locale.SIMPLIFIED_CHINESE, calendar);

		notifications.notify(List.of(agent.id().value()), "sla.warned.first_response", List.of("42", "退货"), "/tickets/42");
		Instant nineTomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
		assertThat(jdbc.sql("select next_attempt_at from mail_outbox where to_address = ? and purpose = 'notice'")
			.param(email).query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(nineTomorrow);

		notifications.notify(List.of(agent.id().value()), "escalation.step", List.of("42", "退货", "夜间升级", "team_lead"),
				"/tickets/42", true);
		await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(email).size() == 1);
		assertThat(mailTo(email).getFirst().getSubject()).startsWith("[Kefu] #42 退货").contains("夜间升级");
		assertThat(mailTo(email)).as("the warning still waits for the morning").hasSize(1);
	}
}
