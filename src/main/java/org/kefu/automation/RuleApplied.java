package org.kefu.automation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;
import org.kefu.ticket.TicketId;

/**
 * A rule acted on a ticket, or was stopped from going round: one line in the ticket's history with
 * the rule's name, what set it off and what it did.
 *
 * @param outcome {@code done} or {@code loop_stopped}
 * @param actions what it did, each as {@code type field value}
 */
public record RuleApplied(TicketId ticket, long rule, String name, String trigger, String outcome,
		List<String> actions, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("rule", name);
		after.put("trigger", trigger);
		if (!actions.isEmpty()) {
			after.put("actions", String.join("; ", actions));
		}
		return new AuditRecord("ticket", String.valueOf(ticket.value()),
				outcome.equals("done") ? "rule_applied" : "rule_loop_stopped", Map.of(), after, by);
	}
}
