package org.kefu.identity;

import java.time.Duration;

/** A sign-in that did not succeed, and why, so the login page can say what to do. */
public class SignInRefused extends RuntimeException {

	public enum Reason {
		/** Unknown username or wrong password; which of the two is not told. */
		BAD_CREDENTIALS,
		/** Too many failures from this username or address; wait and try again. */
		THROTTLED,
		/** The account has been disabled by an administrator. */
		DISABLED
	}

	private final Reason reason;
	private final transient Duration retryAfter;

	SignInRefused(Reason reason, Duration retryAfter) {
		super(reason.name());
		this.reason = reason;
		this.retryAfter = retryAfter;
	}

	public Reason reason() {
		return reason;
	}

	/** How long to wait before trying again, when throttled. */
	public Duration retryAfter() {
		return retryAfter;
	}
}
