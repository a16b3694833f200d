package org.kefu.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;

import org.kefu.platform.Secrets;
import org.kefu.shared.Actor;
import org.kefu.shared.EmailAddress;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mailboxes an administrator connects (R-CH-3): IMAP to read, SMTP to answer, with TLS
 * ({@code ssl} or {@code starttls}) or without; passwords kept encrypted with the installation's
 * key and never shown again.
 */
@Service
public class Mailboxes {

	static {
		MailStreams.named();
	}

	static final Set<String> SECURITY = Set.of("ssl", "starttls", "none");
	private static final int TIMEOUT_MS = 20_000;

	private final JdbcClient jdbc;
	private final Secrets secrets;
	private final Clock clock;

	Mailboxes(JdbcClient jdbc, Secrets secrets, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.clock = clock;
	}

	private static final String COLUMNS = """
			id, name, address, imap_host, imap_port, imap_security, imap_user, folder, smtp_host, smtp_port,
			smtp_security, smtp_user, acknowledge, active, last_checked_at, last_error""";

	private static Mailbox row(ResultSet rs, int n) throws SQLException {
		Timestamp checked = rs.getTimestamp(15);
		return new Mailbox(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getString(11),
				rs.getString(12), rs.getBoolean(13), rs.getBoolean(14), checked == null ? null : checked.toInstant(),
				rs.getString(16));
	}

	public List<Mailbox> all() {
		return jdbc.sql("select " + COLUMNS + " from mail_mailbox order by name, id").query(Mailboxes::row).list();
	}

	public List<Mailbox> active() {
		return jdbc.sql("select " + COLUMNS + " from mail_mailbox where active order by id").query(Mailboxes::row).list();
	}

	public Mailbox get(long id) {
		return jdbc.sql("select " + COLUMNS + " from mail_mailbox where id = ?").param(id).query(Mailboxes::row)
			.optional()
			.orElseThrow(() -> new NotFoundException("mail.mailbox-not-found", id));
	}

	/** Whether this address is one of Kefu's own mailboxes. */
	boolean isOwn(String address) {
		return address != null && jdbc.sql("select count(*) from mail_mailbox where address = ?")
			.param(address.toLowerCase(Locale.ROOT)).query(Integer.class).single() > 0;
	}

	@Transactional
	public Mailbox create(MailboxForm form, Actor by) {
		Checked c = check(form, true);
		long id = jdbc.sql("""
				insert into mail_mailbox (name, address, imap_host, imap_port, imap_security, imap_user, imap_password,
				  folder, smtp_host, smtp_port, smtp_security, smtp_user, smtp_password, acknowledge, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(c.name, c.address, c.imapHost, c.imapPort, c.imapSecurity, c.imapUser,
					secrets.encrypt(form.imapPassword()), c.folder, c.smtpHost, c.smtpPort, c.smtpSecurity, c.smtpUser,
					blank(form.smtpPassword()) ? null : secrets.encrypt(form.smtpPassword()), c.acknowledge,
					Timestamp.from(clock.instant()))
			.query(Long.class).single();
		return get(id);
	}

	@Transactional
	public Mailbox update(long id, MailboxForm form, Actor by) {
		get(id);
		Checked c = check(form, false);
		jdbc.sql("""
				update mail_mailbox set name = ?, address = ?, imap_host = ?, imap_port = ?, imap_security = ?,
				  imap_user = ?, folder = ?, smtp_host = ?, smtp_port = ?, smtp_security = ?, smtp_user = ?,
				  acknowledge = ?, last_error = null where id = ?""")
			.params(c.name, c.address, c.imapHost, c.imapPort, c.imapSecurity, c.imapUser, c.folder, c.smtpHost,
					c.smtpPort, c.smtpSecurity, c.smtpUser, c.acknowledge, id)
			.update();
		if (!blank(form.imapPassword())) {
			jdbc.sql("update mail_mailbox set imap_password = ? where id = ?")
				.params(secrets.encrypt(form.imapPassword()), id).update();
		}
		if (!blank(form.smtpPassword())) {
			jdbc.sql("update mail_mailbox set smtp_password = ? where id = ?")
				.params(secrets.encrypt(form.smtpPassword()), id).update();
		}
		return get(id);
	}

	@Transactional
	public void setActive(long id, boolean active) {
		get(id);
		jdbc.sql("update mail_mailbox set active = ? where id = ?").params(active, id).update();
	}

	private record Checked(String name, String address, String imapHost, int imapPort, String imapSecurity,
			String imapUser, String folder, String smtpHost, int smtpPort, String smtpSecurity, String smtpUser,
			boolean acknowledge) {
	}

	private Checked check(MailboxForm form, boolean creating) {
		String name = required(form.name(), "name", 100);
		String address = EmailAddress.of(required(form.address(), "address", 254)).value().toLowerCase(Locale.ROOT);
		String imapHost = required(form.imapHost(), "imapHost", 200);
		String imapSecurity = security(form.imapSecurity(), "imapSecurity");
		int imapPort = port(form.imapPort(), "imapPort", imapSecurity.equals("ssl") ? 993 : 143);
		String imapUser = required(form.imapUser(), "imapUser", 254);
		if (creating) {
			required(form.imapPassword(), "imapPassword", 200);
		}
		String folder = blank(form.folder()) ? "INBOX" : form.folder().strip();
		String smtpHost = required(form.smtpHost(), "smtpHost", 200);
		String smtpSecurity = security(form.smtpSecurity(), "smtpSecurity");
		int smtpPort = port(form.smtpPort(), "smtpPort", smtpSecurity.equals("ssl") ? 465 : 587);
		String smtpUser = blank(form.smtpUser()) ? null : form.smtpUser().strip();
		return new Checked(name, address, imapHost, imapPort, imapSecurity, imapUser, folder, smtpHost, smtpPort,
				smtpSecurity, smtpUser, form.acknowledge() == null || form.acknowledge());
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static String required(String value, String field, int max) {
		if (blank(value)) {
			throw new InvalidInputException("validation.required", field);
		}
		if (value.strip().length() > max) {
			throw new InvalidInputException("validation.too-long", field, max);
		}
		return value.strip();
	}

	private static String security(String value, String field) {
		String v = blank(value) ? "ssl" : value.strip().toLowerCase(Locale.ROOT);
		if (!SECURITY.contains(v)) {
			throw new InvalidInputException("mail.security-invalid", field, v);
		}
		return v;
	}

	private static int port(Integer value, String field, int fallback) {
		if (value == null) {
			return fallback;
		}
		if (value < 1 || value > 65535) {
			throw new InvalidInputException("mail.port-invalid", field, value);
		}
		return value;
	}

	/** A connected IMAP store for the mailbox; the caller closes it. */
	Store connectImap(Mailbox m) throws MessagingException {
		String protocol = m.imapSecurity().equals("ssl") ? "imaps" : "imap";
		Properties props = properties(protocol, m.imapHost(), m.imapPort(), m.imapSecurity());
		props.put("mail.store.protocol", protocol);
		// a whole mail in one FETCH, not in 16 KB pieces each costing a round trip
		props.put("mail." + protocol + ".partialfetch", "false");
		Store store = Session.getInstance(props).getStore(protocol);
		String password = jdbc.sql("select imap_password from mail_mailbox where id = ?").param(m.id())
			.query(String.class).single();
		store.connect(m.imapHost(), m.imapPort(), m.imapUser(), secrets.decrypt(password));
		return store;
	}

	/** A connected SMTP transport for the mailbox; the caller closes it. */
	Transport connectSmtp(Mailbox m) throws MessagingException {
		String protocol = m.smtpSecurity().equals("ssl") ? "smtps" : "smtp";
		Properties props = properties(protocol, m.smtpHost(), m.smtpPort(), m.smtpSecurity());
		props.put("mail.transport.protocol", protocol);
		props.put("mail." + protocol + ".auth", String.valueOf(m.smtpUser() != null));
		props.put("mail." + protocol + ".localhost", m.domain());
		Session session = Session.getInstance(props);
		Transport transport = session.getTransport(protocol);
		if (m.smtpUser() == null) {
			transport.connect(m.smtpHost(), m.smtpPort(), null, null);
		}
		else {
			String password = jdbc.sql("select smtp_password from mail_mailbox where id = ?").param(m.id())
				.query(String.class).optional().orElse(null);
			transport.connect(m.smtpHost(), m.smtpPort(), m.smtpUser(), password == null ? "" : secrets.decrypt(password));
		}
		return transport;
	}

	static Session sendingSession() {
		return Session.getInstance(new Properties());
	}

	private static Properties properties(String protocol, String host, int port, String security) {
		Properties props = new Properties();
		String prefix = "mail." + protocol + ".";
		props.put(prefix + "host", host);
		props.put(prefix + "port", String.valueOf(port));
		props.put(prefix + "connectiontimeout", String.valueOf(TIMEOUT_MS));
		props.put(prefix + "timeout", String.valueOf(TIMEOUT_MS));
		props.put(prefix + "writetimeout", String.valueOf(TIMEOUT_MS));
		if (security.equals("starttls")) {
			props.put(prefix + "starttls.enable", "true");
			props.put(prefix + "starttls.required", "true");
		}
		if (!security.equals("none")) {
			props.put(prefix + "ssl.checkserveridentity", "true");
		}
		return props;
	}

	/** What trying the mailbox's servers gave: null for each that answered, else the error. */
	public record Check(String imap, String smtp) {
	}

	public Check test(long id) {
		Mailbox m = get(id);
		String imap = null;
		String smtp = null;
		try (Store store = connectImap(m)) {
			store.getFolder(m.folder()).exists();
		}
		catch (MessagingException | RuntimeException e) {
			imap = describe(e);
		}
		try (Transport transport = connectSmtp(m)) {
			// connected and authenticated is what there is to know
		}
		catch (MessagingException | RuntimeException e) {
			smtp = describe(e);
		}
		return new Check(imap, smtp);
	}

	/** An error in a few words, without anything secret: the class and the server's own message. */
	static String describe(Exception e) {
		List<String> parts = new ArrayList<>();
		Throwable t = e;
		while (t != null && parts.size() < 3) {
			String message = t.getMessage();
			parts.add(t.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip()));
			t = t.getCause() == t ? null : t.getCause();
		}
		String all = String.join(" ← ", parts);
		return all.length() > 480 ? all.substring(0, 480) : all;
	}

	void checked(long id, String error) {
		jdbc.sql("update mail_mailbox set last_checked_at = ?, last_error = ? where id = ?")
			.params(Timestamp.from(clock.instant()), error, id).update();
	}
}
