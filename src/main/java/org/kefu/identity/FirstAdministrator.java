package org.kefu.identity;

import java.util.Set;

import org.kefu.platform.KefuProperties;
import org.kefu.platform.StartupRefused;
import org.kefu.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start of a production installation (no users, no demo data), creates the
 * administrator {@code admin} with the password from {@code KEFU_ADMIN_PASSWORD}, and refuses to
 * start without one: no default password ever reaches a production start.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstAdministrator implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);
	static final String USERNAME = "admin";

	private final UserRepository accounts;
	private final Users users;
	private final KefuProperties properties;

	FirstAdministrator(UserRepository accounts, Users users, KefuProperties properties) {
		this.accounts = accounts;
		this.users = users;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (properties.demoData() || accounts.count() > 0) {
			return;
		}
		String password = properties.adminPassword();
		if (password == null || password.isBlank()) {
			throw new StartupRefused("Kefu has no users yet and KEFU_ADMIN_PASSWORD is not set.",
					"Set KEFU_ADMIN_PASSWORD to the password for the first administrator, 'admin' (at least "
							+ Users.MIN_PASSWORD_LENGTH + " characters), or start with KEFU_DEMO_DATA=true to try "
							+ "Kefu with demo data.");
		}
		if (password.length() < Users.MIN_PASSWORD_LENGTH || password.equalsIgnoreCase(USERNAME)) {
			throw new StartupRefused("KEFU_ADMIN_PASSWORD is too weak.",
					"Use at least " + Users.MIN_PASSWORD_LENGTH + " characters, not the username.");
		}
		users.create(new NewUser(USERNAME, "Administrator", null, null, password, Set.of(Role.ADMINISTRATOR),
				Set.of(), null), Actor.system());
		log.info("Created the first administrator, '{}'. Sign in and change the password from the profile page.",
				USERNAME);
	}
}
