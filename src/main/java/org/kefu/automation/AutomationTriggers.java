package org.kefu.automation;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.kefu.automation.Rule.Kind;
import org.kefu.shared.Actor;
import org.kefu.sla.SlaBreached;
import org.kefu.sla.SlaWarned;
import org.kefu.ticket.Author;
import org.kefu.ticket.TicketChanged;
import org.kefu.ticket.TicketCreated;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketMessageAdded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Event rules, set off after the ticket's own transaction has committed — what was accepted stays
 * accepted whatever a rule does — each event recorded (and so retried after a crash) only when an
 * active rule listens to it.
 */
@Component
class AutomationTriggers {

	private static final Logger log = LoggerFactory.getLogger(AutomationTriggers.class);

	private static final Map<String, String> FIELD_NAMES = Map.of("businessType", "business_type");

	private final Rules rules;
	private final Automation automation;

	AutomationTriggers(Rules rules, Automation automation) {
		this.rules = rules;
		this.automation = automation;
	}

	@ApplicationModuleListener(condition = "@automationRules.listening('ticket.created')")
	void on(TicketCreated created) {
		run("ticket.created", created.ticket(), created.by(), Set.of());
	}

	@ApplicationModuleListener(condition = "@automationRules.listening('ticket.updated')")
	void on(TicketChanged changed) {
		Set<String> fields = new LinkedHashSet<>();
		changed.after().keySet().forEach(k -> fields.add(FIELD_NAMES.getOrDefault(k, k)));
		run("ticket.updated", changed.ticket(), changed.by(), fields);
	}

	@ApplicationModuleListener(condition = "(#added.author() == T(org.kefu.ticket.Author).CUSTOMER"
			+ " and @automationRules.listening('ticket.customer_replied'))"
			+ " or (#added.author() == T(org.kefu.ticket.Author).AGENT"
			+ " and #added.visibility() == T(org.kefu.ticket.Visibility).PUBLIC"
			+ " and @automationRules.listening('ticket.agent_replied'))")
	void on(TicketMessageAdded added) {
		run(added.author() == Author.CUSTOMER ? "ticket.customer_replied" : "ticket.agent_replied", added.ticket(),
				added.by(), Set.of());
	}

	@ApplicationModuleListener(condition = "@automationRules.listening('sla.warned')")
	void on(SlaWarned warned) {
		run("sla.warned", warned.ticket(), Actor.system(), Set.of());
	}

	@ApplicationModuleListener(condition = "@automationRules.listening('sla.breached')")
	void on(SlaBreached breached) {
		run("sla.breached", breached.ticket(), Actor.system(), Set.of());
	}

	private void run(String event, TicketId ticket, Actor by, Set<String> changed) {
		for (Rule rule : rules.active(Kind.EVENT)) {
			if (!rule.events().contains(event)) {
				continue;
			}
			try {
				automation.fire(rule, ticket, event, by, changed, null);
			}
			catch (RuntimeException e) {
				// one broken rule does not keep the others from running, nor the event from being done
				log.warn("Rule {} could not run on ticket {}", rule.id(), ticket.value(), e);
			}
		}
	}
}
