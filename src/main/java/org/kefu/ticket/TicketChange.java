package org.kefu.ticket;

import java.util.Optional;
import java.util.Set;

/**
 * A change to a ticket's properties. A {@code null} field is left as it is; for assignee and team,
 * an empty {@link Optional} takes the ticket away from whoever has it.
 */
public record TicketChange(String subject, TicketStatus status, Priority priority, String businessType,
		Optional<Long> assignee, Optional<Long> team, Set<String> tags) {

	public static TicketChange status(TicketStatus status) {
		return new TicketChange(null, status, null, null, null, null, null);
	}

	public static TicketChange assign(Long assignee, Long team) {
		return new TicketChange(null, null, null, null, Optional.ofNullable(assignee), Optional.ofNullable(team), null);
	}
}
