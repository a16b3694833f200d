package org.kefu.identity.security;

import org.kefu.identity.CurrentUser;
import org.kefu.identity.SignIn;
import org.kefu.identity.SignInRefused;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** The login form's check, through {@link SignIn} with its throttling. */
@Component
class PasswordAuthentication implements AuthenticationProvider {

	private final SignIn signIn;

	PasswordAuthentication(SignIn signIn) {
		this.signIn = signIn;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				? details.getRemoteAddress() : "unknown";
		try {
			CurrentUser user = signIn.signIn(authentication.getName(),
					authentication.getCredentials() == null ? null : authentication.getCredentials().toString(),
					address);
			return new SignedIn(user);
		}
		catch (SignInRefused refused) {
			throw switch (refused.reason()) {
				case THROTTLED -> new Throttled(refused);
				case DISABLED -> new DisabledException("disabled");
				case BAD_CREDENTIALS -> new BadCredentialsException("bad credentials");
			};
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** Refused because of too many failures; carries how long to wait. */
	static final class Throttled extends LockedException {

		private final long minutes;

		Throttled(SignInRefused refused) {
			super("throttled");
			this.minutes = Math.max(1, (refused.retryAfter().toSeconds() + 59) / 60);
		}

		long minutes() {
			return minutes;
		}
	}
}
