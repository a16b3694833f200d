package org.kefu.identity;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The user of the request being served, for code that shapes what that user may see. */
public final class CurrentUsers {

	private CurrentUsers() {
	}

	public static Optional<CurrentUser> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? Optional.of(user)
				: Optional.empty();
	}

	/** Whether the current user has the permission; code running for no user (jobs) has none. */
	public static boolean can(Permission permission) {
		return current().map(user -> user.can(permission)).orElse(false);
	}
}
