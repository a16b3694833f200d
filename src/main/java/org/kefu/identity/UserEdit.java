package org.kefu.identity;

import java.util.Set;

/** An administrator's change to a user's profile, roles and teams. */
public record UserEdit(String displayName, String email, String phone, Set<String> roles, Set<Long> teams) {

	public UserEdit {
		roles = roles == null ? Set.of() : Set.copyOf(roles);
		teams = teams == null ? Set.of() : Set.copyOf(teams);
	}
}
