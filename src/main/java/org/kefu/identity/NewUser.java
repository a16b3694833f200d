package org.kefu.identity;

import java.util.Locale;
import java.util.Set;

/** What an administrator gives to create a user. */
public record NewUser(String username, String displayName, String email, String phone, String password,
		Set<String> roles, Set<Long> teams, Locale locale) {

	public NewUser {
		roles = roles == null ? Set.of() : Set.copyOf(roles);
		teams = teams == null ? Set.of() : Set.copyOf(teams);
	}
}
