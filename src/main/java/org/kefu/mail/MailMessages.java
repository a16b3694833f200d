package org.kefu.mail;

import org.kefu.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The stored mail itself, for pages that show it. */
@Service
public class MailMessages {

	private final JdbcClient jdbc;

	MailMessages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The sanitised HTML of an inbound mail that landed on a ticket. */
	public String html(long id) {
		return jdbc.sql("select html from mail_message where id = ? and direction = 'inbound' and html is not null")
			.param(id).query(String.class).optional()
			.orElseThrow(() -> new NotFoundException("mail.message-not-found", id));
	}
}
