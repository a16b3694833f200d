package org.kefu.ticket;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A change to a ticket's properties. A {@code null} field is left as it is; for assignee and team,
 * an empty {@link Optional} takes the ticket away from whoever has it. Custom field values given
 * are set (a blank one removes the value); those not given stay.
 *
 * @param handOverNote what the next person needs to know, when a person moves a ticket away from
 *                     the agent who owns it (首问负责制: ownership changes only by a hand-over with
 *                     a note); left in the ticket as an internal note
 */
public record TicketChange(String subject, TicketStatus status, Priority priority, String businessType,
		Optional<Long> assignee, Optional<Long> team, Set<String> tags, Map<String, String> fields,
		String handOverNote) {

	/** A change that hands nothing over. */
	public TicketChange(String subject, TicketStatus status, Priority priority, String businessType,
			Optional<Long> assignee, Optional<Long> team, Set<String> tags, Map<String, String> fields) {
		this(subject, status, priority, businessType, assignee, team, tags, fields, null);
	}

	/** A change that leaves the custom fields alone. */
	public TicketChange(String subject, TicketStatus status, Priority priority, String businessType,
			Optional<Long> assignee, Optional<Long> team, Set<String> tags) {
		this(subject, status, priority, businessType, assignee, team, tags, null, null);
	}

	public static TicketChange status(TicketStatus status) {
		return new TicketChange(null, status, null, null, null, null, null);
	}

	/** The ticket handed to another agent (or back to its team's queue, with {@code null}), with a note. */
	public static TicketChange handOver(Long assignee, String note) {
		return new TicketChange(null, null, null, null, Optional.ofNullable(assignee), null, null, null, note);
	}

	public static TicketChange assign(Long assignee, Long team) {
		return new TicketChange(null, null, null, null, Optional.ofNullable(assignee), Optional.ofNullable(team), null);
	}
}
