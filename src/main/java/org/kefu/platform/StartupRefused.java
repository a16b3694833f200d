package org.kefu.platform;

/**
 * Kefu will not start as configured; the message says what is wrong and the action what to do.
 * Spring Boot prints both instead of a stack trace.
 */
public class StartupRefused extends RuntimeException {

	private final String action;

	public StartupRefused(String problem, String action) {
		super(problem);
		this.action = action;
	}

	public String action() {
		return action;
	}
}
