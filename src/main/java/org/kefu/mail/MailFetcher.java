package org.kefu.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads new mail from every active mailbox by polling ({@code kefu.mail.poll-interval}, a minute
 * by default). A mailbox is leased in the database while one node reads it (a minute at a time,
 * renewed as it goes, so a node that dies frees it within a minute); mail is read by IMAP
 * UID after the last one landed and landed by a few workers at once
 * ({@code kefu.mail.landing-threads}), each mail in its own transaction; the position moves on only
 * past mail that landed, so a crash at any point loses nothing and a mail read twice lands once (see
 * {@link MailIntake}).
 * Mail stays on the server, marked as seen.
 */
@Component
public class MailFetcher {

	private static final Logger log = LoggerFactory.getLogger(MailFetcher.class);
	private static final int BATCH = 500;
	private static final int CHUNK = 32;
	/** How long a reader holds a mailbox without renewing: a node that died frees it within this. */
	private static final Duration LEASE = Duration.ofSeconds(60);

	private final JdbcClient jdbc;
	private final Mailboxes mailboxes;
	private final MailIntake intake;
	private final Clock clock;
	private final boolean enabled;
	private final ExecutorService workers;

	MailFetcher(JdbcClient jdbc, Mailboxes mailboxes, MailIntake intake, Clock clock,
			@Value("${kefu.mail.fetch:true}") boolean enabled,
			@Value("${kefu.mail.landing-threads:4}") int threads) {
		this.jdbc = jdbc;
		this.mailboxes = mailboxes;
		this.intake = intake;
		this.clock = clock;
		this.enabled = enabled;
		this.workers = Executors.newFixedThreadPool(Math.max(1, threads), Thread.ofPlatform().name("mail-landing-", 1)
			.daemon(true).factory());
	}

	@PreDestroy
	void stop() {
		workers.shutdownNow();
	}

	/** What one read of a mailbox did. */
	public record Fetched(int read, int landed, int duplicates, String error) {
	}

	@Scheduled(fixedDelayString = "${kefu.mail.poll-interval:PT1M}", initialDelay = 10_000)
	void poll() {
		if (!enabled) {
			return;
		}
		for (Mailbox mailbox : mailboxes.active()) {
			try {
				fetch(mailbox.id());
			}
			catch (RuntimeException e) {
				log.warn("Reading mailbox {} failed: {}", mailbox.id(), e.toString());
			}
		}
	}

	/** Reads the mailbox's new mail now, unless another node is reading it. */
	public Fetched fetch(long mailboxId) {
		Mailbox mailbox = mailboxes.get(mailboxId);
		Timestamp now = Timestamp.from(clock.instant());
		int leased = jdbc.sql("""
				update mail_mailbox set lease_until = ? where id = ? and (lease_until is null or lease_until < ?)""")
			.params(Timestamp.from(clock.instant().plus(LEASE)), mailboxId, now).update();
		if (leased == 0) {
			return new Fetched(0, 0, 0, "busy");
		}
		int read = 0;
		int landed = 0;
		int duplicates = 0;
		String error = null;
		try (Store store = mailboxes.connectImap(mailbox)) {
			Folder folder = store.getFolder(mailbox.folder());
			folder.open(Folder.READ_WRITE);
			try {
				UIDFolder uids = (UIDFolder) folder;
				long validity = uids.getUIDValidity();
				long last = position(mailbox.id(), validity);
				Message[] messages = uids.getMessagesByUID(last + 1, UIDFolder.MAXUID);
				FetchProfile profile = new FetchProfile();
				profile.add(UIDFolder.FetchProfileItem.UID);
				folder.fetch(messages, profile);
				List<Message> fresh = new ArrayList<>();
				for (Message message : messages) {
					if (uids.getUID(message) > last && fresh.size() < BATCH) {
						fresh.add(message); // servers answer "n:*" with the last mail even when it is older
					}
				}
				for (int from = 0; from < fresh.size() && error == null; from += CHUNK) {
					List<Message> chunk = fresh.subList(from, Math.min(fresh.size(), from + CHUNK));
					List<Long> chunkUids = new ArrayList<>();
					List<Future<MailIntake.Received>> landing = new ArrayList<>();
					for (Message message : chunk) {
						long uid = uids.getUID(message);
						byte[] raw = raw(message);
						chunkUids.add(uid);
						landing.add(workers.submit(() -> intake.receive(mailbox.id(), raw, uid)));
					}
					// the position moves only past mail that landed, in UID order
					long landedUpTo = -1;
					for (int i = 0; i < landing.size(); i++) {
						try {
							MailIntake.Received received = landing.get(i).get();
							if (received.outcome() == MailIntake.Outcome.DUPLICATE) {
								duplicates++;
							}
							else {
								landed++;
							}
							read++;
							if (error == null) {
								landedUpTo = chunkUids.get(i);
							}
						}
						catch (ExecutionException e) {
							error = error == null ? "landing: " + Mailboxes.describe((Exception) e.getCause()) : error;
						}
					}
					if (landedUpTo > 0) {
						jdbc.sql("update mail_mailbox set last_uid = ? where id = ? and last_uid < ?")
							.params(landedUpTo, mailbox.id(), landedUpTo).update();
					}
					jdbc.sql("update mail_mailbox set lease_until = ? where id = ?")
						.params(Timestamp.from(clock.instant().plus(LEASE)), mailbox.id()).update();
					for (Message message : chunk) {
						try {
							if (uids.getUID(message) <= landedUpTo) {
								message.setFlag(Flags.Flag.SEEN, true);
							}
						}
						catch (MessagingException e) {
							log.debug("Could not mark mail seen: {}", e.toString());
						}
					}
				}
			}
			finally {
				folder.close(false);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		catch (MessagingException | IOException e) {
			error = Mailboxes.describe(e);
			log.warn("Reading mailbox {} ({}) failed: {}", mailbox.id(), mailbox.address(), error);
		}
		catch (DataAccessException e) {
			error = "database: " + e.getMostSpecificCause().getMessage();
			throw e;
		}
		finally {
			jdbc.sql("update mail_mailbox set lease_until = null where id = ?").param(mailbox.id()).update();
			mailboxes.checked(mailbox.id(), MailIntake.truncate(error, 500));
		}
		if (landed > 0) {
			log.info("Mailbox {}: {} mail landed, {} already known", mailbox.address(), landed, duplicates);
		}
		return new Fetched(read, landed, duplicates, error);
	}

	/** The last UID landed; when the folder's UIDVALIDITY changed, UIDs start over (keys still dedupe). */
	private long position(long mailbox, long validity) {
		Long known = jdbc.sql("select uid_validity from mail_mailbox where id = ?").param(mailbox).query(Long.class)
			.optional().orElse(null);
		if (known == null || known != validity) {
			jdbc.sql("update mail_mailbox set uid_validity = ?, last_uid = 0 where id = ?").params(validity, mailbox)
				.update();
			return 0;
		}
		return jdbc.sql("select last_uid from mail_mailbox where id = ?").param(mailbox).query(Long.class).single();
	}

	private static byte[] raw(Message message) throws MessagingException, IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);
		return out.toByteArray();
	}
}
