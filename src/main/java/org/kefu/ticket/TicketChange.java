package org.kefu.ticket;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A change to a ticket's properties. A {@code null} field is left as it is; for assignee and team,
 * an empty {@link Optional} takes the ticket away from whoever has it. Custom field values given
 * are set (a blank one removes the value); those not given stay.
 */
public record TicketChange(String subject, TicketStatus status, Priority priority, String businessType,
		Optional<Long> assignee, Optional<Long> team, Set<String> tags, Map<String, String> fields) {

	/** A change that leaves the custom fields alone. */
	public TicketChange(String subject, TicketStatus status, Priority priority, String businessType,
			Optional<Long> assignee, Optional<Long> team, Set<String> tags) {
		this(subject, status, priority, businessType, assignee, team, tags, null);
	}

	public static TicketChange status(TicketStatus status) {
		return new TicketChange(null, status, null, null, null, null, null);
	}

	public static TicketChange assign(Long assignee, Long team) {
		return new TicketChange(null, null, null, null, Optional.ofNullable(assignee), Optional.ofNullable(team), null);
	}
}
