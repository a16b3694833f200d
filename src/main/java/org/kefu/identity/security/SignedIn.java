package org.kefu.identity.security;

import java.util.List;

import org.kefu.identity.CurrentUser;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request: the current user, whose permissions are the authorities. */
final class SignedIn extends AbstractAuthenticationToken {

	private final CurrentUser user;

	SignedIn(CurrentUser user) {
		super(authorities(user));
		this.user = user;
		setAuthenticated(true);
	}

	private static List<GrantedAuthority> authorities(CurrentUser user) {
		return user.permissions().stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public CurrentUser getPrincipal() {
		return user;
	}

	@Override
	public String getName() {
		return user.username();
	}
}
