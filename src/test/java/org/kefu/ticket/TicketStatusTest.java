package org.kefu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicketStatusTest {

	@Test
	void aNewTicketCanBeOpenedParkedOrSolvedButNotClosedDirectly() {
		assertThat(TicketStatus.NEW.next()).containsExactlyInAnyOrder(TicketStatus.OPEN, TicketStatus.PENDING,
				TicketStatus.ON_HOLD, TicketStatus.SOLVED);
		assertThat(TicketStatus.NEW.canMoveTo(TicketStatus.CLOSED)).isFalse();
	}

	@Test
	void aSolvedTicketReopensOrCloses() {
		assertThat(TicketStatus.SOLVED.next()).containsExactlyInAnyOrder(TicketStatus.OPEN, TicketStatus.CLOSED);
	}

	@Test
	void aClosedTicketIsFinal() {
		assertThat(TicketStatus.CLOSED.next()).isEmpty();
		for (TicketStatus status : TicketStatus.values()) {
			assertThat(TicketStatus.CLOSED.canMoveTo(status)).isFalse();
		}
	}

	@Test
	void nothingGoesBackToNew() {
		for (TicketStatus status : TicketStatus.values()) {
			assertThat(status.canMoveTo(TicketStatus.NEW)).as(status.code()).isFalse();
		}
	}

	@Test
	void onlyUnsolvedTicketsWaitForWork() {
		assertThat(TicketStatus.UNSOLVED).containsExactlyInAnyOrder(TicketStatus.NEW, TicketStatus.OPEN,
				TicketStatus.PENDING, TicketStatus.ON_HOLD);
	}
}
