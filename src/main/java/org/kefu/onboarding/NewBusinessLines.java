package org.kefu.onboarding;

import org.kefu.account.Viewer;
import org.kefu.growth.BusinessLineDecided;
import org.kefu.shared.Actor;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** An approved business line is new business: its onboarding checklist opens (seed 002 §4.1.5). */
@Component
class NewBusinessLines {

	private final Onboardings onboardings;

	NewBusinessLines(Onboardings onboardings) {
		this.onboardings = onboardings;
	}

	@ApplicationModuleListener
	void on(BusinessLineDecided decided) {
		if (decided.approved()) {
			onboardings.open(decided.account(), decided.line(), decided.name(), Viewer.system(), Actor.system());
		}
	}
}
