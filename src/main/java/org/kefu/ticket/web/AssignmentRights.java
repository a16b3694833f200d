package org.kefu.ticket.web;

import java.util.Objects;
import java.util.Optional;

import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.ticket.TicketSummary;

import org.springframework.security.access.AccessDeniedException;

/**
 * Who may give a ticket to whom: anyone who works tickets may take an unassigned ticket or give
 * back their own; giving work to someone else, or to another team, needs {@code ticket.assign}.
 */
final class AssignmentRights {

	private AssignmentRights() {
	}

	static void check(CurrentUser me, TicketSummary ticket, Optional<Long> assignee, Optional<Long> team) {
		if (me.can(Permission.TICKET_ASSIGN)) {
			return;
		}
		if (team != null && !Objects.equals(team.orElse(null), ticket.team())) {
			throw new AccessDeniedException("team");
		}
		if (assignee == null || Objects.equals(assignee.orElse(null), ticket.assignee())) {
			return;
		}
		boolean taking = ticket.assignee() == null && Objects.equals(assignee.orElse(null), me.id());
		boolean givingBack = Objects.equals(ticket.assignee(), me.id()) && assignee.isEmpty();
		if (!taking && !givingBack) {
			throw new AccessDeniedException("assignee");
		}
	}
}
