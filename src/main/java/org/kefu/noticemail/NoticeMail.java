package org.kefu.noticemail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.kefu.calendar.BusinessCalendar;
import org.kefu.calendar.Calendars;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.identity.Users.MailContact;
import org.kefu.mail.MailOutbox;
import org.kefu.notification.Noticed;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns notices into mails, in the notice's own transaction (a notice and its mail are written
 * together or not at all); the mail module's outbox sends them, retrying, at the time set here.
 */
@Component
class NoticeMail {

	private final Users users;
	private final Teams teams;
	private final Calendars calendars;
	private final MailOutbox outbox;
	private final MessageSource messages;
	private final Clock clock;
	private final List<String> kinds;
	private final String publicUrl;

	NoticeMail(Users users, Teams teams, Calendars calendars, MailOutbox outbox, MessageSource messages, Clock clock,
			@Value("${kefu.notifications.mail-kinds:ticket.assigned,ticket.mentioned,sla.,escalation.,automation.}") List<String> kinds,
			@Value("${kefu.public-url:http://localhost:8080}") String publicUrl) {
		this.users = users;
		this.teams = teams;
		this.calendars = calendars;
		this.outbox = outbox;
		this.messages = messages;
		this.clock = clock;
		this.kinds = kinds.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
		this.publicUrl = publicUrl.replaceAll("/+$", "");
	}

	@EventListener
	void on(Noticed noticed) {
		if (kinds.stream().noneMatch(noticed.kind()::startsWith)) {
			return;
		}
		List<MailContact> contacts = users.mailContacts(noticed.users());
		if (contacts.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		for (MailContact c : contacts) {
			Instant at = noticed.anyHour() ? now : sendAt(c.id(), now);
			String text = messages.getMessage("notification." + noticed.kind(), noticed.args().toArray(), noticed.kind(),
					c.locale());
			String body = text + "\n\n" + (noticed.link() == null ? publicUrl : publicUrl + noticed.link()) + "\n\n"
					+ messages.getMessage("notice-mail.footer", null, "Kefu", c.locale());
			if (!outbox.notice(c.email(), "[Kefu] " + text, body, at)) {
				return;
			}
		}
	}

	/** Now if the reader is at work by their team's calendar (the center's default without a team); else their next working moment. */
	private Instant sendAt(UserId user, Instant now) {
		Long team = teams.teamsOf(user).stream().findFirst().map(TeamId::value).orElse(null);
		BusinessCalendar calendar = calendars.calendar(calendars.calendarIdOf(team));
		return calendar.isWorking(now) ? now : calendar.nextWorking(now);
	}
}
