package org.kefu.identity;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/**
 * Someone tried to sign in, with a password or for an API token.
 *
 * @param outcome {@code signed_in}, {@code sign_in_failed} or {@code sign_in_throttled}
 */
public record SignInAttempted(String username, String outcome, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("session", username, outcome, Map.of(), Map.of(), by);
	}
}
