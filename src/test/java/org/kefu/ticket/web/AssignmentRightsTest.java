package org.kefu.ticket.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kefu.identity.CurrentUser;
import org.kefu.ticket.TicketStatus;
import org.kefu.ticket.TicketSummary;

import org.springframework.security.access.AccessDeniedException;

class AssignmentRightsTest {

	private static final CurrentUser AGENT = new CurrentUser(5, "agent", "Agent", Locale.ENGLISH, true,
			Set.of("ticket.view", "ticket.edit"), Set.of());
	private static final CurrentUser LEAD = new CurrentUser(6, "lead", "Lead", Locale.ENGLISH, true,
			Set.of("ticket.view", "ticket.edit", "ticket.assign"), Set.of());

	private static TicketSummary assignedTo(Long assignee) {
		return new TicketSummary(null, 1, "s", TicketStatus.OPEN, null, null, null, null, assignee, null, Set.of(),
				null, null);
	}

	@Test
	void anAgentMayTakeAnUnassignedTicketAndGiveBackTheirOwn() {
		assertThatCode(() -> AssignmentRights.check(AGENT, assignedTo(null), Optional.of(5L), null))
			.doesNotThrowAnyException();
		assertThatCode(() -> AssignmentRights.check(AGENT, assignedTo(5L), Optional.empty(), null))
			.doesNotThrowAnyException();
	}

	@Test
	void anAgentMayNotGiveWorkToSomeoneElseNorTakeAColleaguesTicket() {
		assertThatThrownBy(() -> AssignmentRights.check(AGENT, assignedTo(null), Optional.of(9L), null))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> AssignmentRights.check(AGENT, assignedTo(9L), Optional.of(5L), null))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> AssignmentRights.check(AGENT, assignedTo(5L), null, Optional.of(3L)))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void aTeamLeadMayAssignAnyone() {
		assertThatCode(() -> AssignmentRights.check(LEAD, assignedTo(9L), Optional.of(5L), Optional.of(3L)))
			.doesNotThrowAnyException();
	}
}
