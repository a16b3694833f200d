package org.kefu.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.kefu.platform.KefuProperties;
import org.kefu.shared.Actor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks a username and password, for the login page and for API token requests alike. After
 * repeated failures for a username (or many from one address) it refuses every attempt for a
 * while, even a right one, so that passwords cannot be guessed; the count is kept in the
 * database so that every node sees it.
 */
@Service
public class SignIn {

	private static final int ADDRESS_FACTOR = 4;

	private final UserRepository users;
	private final Users directory;
	private final PasswordEncoder passwords;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final int maxFailures;
	private final Duration lockFor;
	private final String unknownUserHash;

	SignIn(UserRepository users, Users directory, PasswordEncoder passwords, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock, KefuProperties properties) {
		this.users = users;
		this.directory = directory;
		this.passwords = passwords;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.maxFailures = properties.login().maxFailures();
		this.lockFor = properties.login().lockDuration();
		this.unknownUserHash = passwords.encode("no such user: spend the same time as for a real one");
	}

	/** Signs a user in, or says why not. */
	public CurrentUser signIn(String username, String password, String address) {
		String name = username == null ? "" : username.trim();
		String userKey = "user:" + name.toLowerCase();
		String addressKey = "address:" + address;
		Instant now = clock.instant();
		Optional<Instant> locked = lockedUntil(userKey, now).or(() -> lockedUntil(addressKey, now));
		if (locked.isPresent()) {
			events.publishEvent(new SignInAttempted(name, "sign_in_throttled", new Actor(null, name, address)));
			throw new SignInRefused(SignInRefused.Reason.THROTTLED, Duration.between(now, locked.get()));
		}
		Optional<UserAccount> user = name.isEmpty() ? Optional.empty() : users.findByUsername(name);
		boolean matches;
		if (user.isPresent()) {
			matches = password != null && passwords.matches(password, user.get().passwordHash());
		}
		else {
			// as slow as a real check, so that timing does not tell which usernames exist
			passwords.matches(password == null ? "" : password, unknownUserHash);
			matches = false;
		}
		if (!matches) {
			fail(userKey, maxFailures, now);
			fail(addressKey, maxFailures * ADDRESS_FACTOR, now);
			events.publishEvent(new SignInAttempted(name, "sign_in_failed",
					new Actor(user.map(UserAccount::id).orElse(null), name, address)));
			throw new SignInRefused(SignInRefused.Reason.BAD_CREDENTIALS, null);
		}
		UserAccount account = user.get();
		if (!account.enabled()) {
			throw new SignInRefused(SignInRefused.Reason.DISABLED, null);
		}
		jdbc.sql("delete from identity_login_throttle where key = ?").param(userKey).update();
		events.publishEvent(new SignInAttempted(account.username(), "signed_in",
				Actor.user(account.id(), account.username(), address)));
		return directory.currentUser(account.id()).orElseThrow();
	}

	private Optional<Instant> lockedUntil(String key, Instant now) {
		return jdbc.sql("select locked_until from identity_login_throttle where key = ?").param(key)
			.query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
			.optional()
			.flatMap(o -> o)
			.filter(until -> until.isAfter(now));
	}

	private void fail(String key, int max, Instant now) {
		Timestamp at = Timestamp.from(now);
		Timestamp windowStart = Timestamp.from(now.minus(lockFor));
		int failures = jdbc.sql("""
				insert into identity_login_throttle as t (key, failures, first_failed_at) values (:key, 1, :now)
				on conflict (key) do update set
				  failures = case when t.first_failed_at < :windowStart then 1 else t.failures + 1 end,
				  first_failed_at = case when t.first_failed_at < :windowStart then :now else t.first_failed_at end,
				  locked_until = case when t.locked_until < :now then null else t.locked_until end
				returning failures""")
			.param("key", key).param("now", at).param("windowStart", windowStart)
			.query(Integer.class).single();
		if (failures >= max) {
			jdbc.sql("update identity_login_throttle set locked_until = ? where key = ?")
				.params(Timestamp.from(now.plus(lockFor)), key).update();
		}
	}
}
