package org.kefu.identity;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * The signed-in user as every page and API call sees them, with the permissions their roles
 * grant right now (a change to a role applies from the next request) and the teams they are in.
 */
public record CurrentUser(long id, String username, String displayName, Locale locale, boolean enabled,
		Set<String> permissions, Set<Long> teamIds) implements Serializable {

	public CurrentUser {
		permissions = Set.copyOf(permissions);
		teamIds = Set.copyOf(teamIds);
	}

	public UserId userId() {
		return new UserId(id);
	}

	public boolean can(Permission permission) {
		return permissions.contains(permission.code());
	}
}
