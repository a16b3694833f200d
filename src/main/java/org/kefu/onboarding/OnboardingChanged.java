package org.kefu.onboarding;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/** A step of an onboarding checklist was done, or the business handed over. */
public record OnboardingChanged(long onboarding, String action, Map<String, ?> after, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("onboarding", String.valueOf(onboarding), action, Map.of(), after, by);
	}
}
