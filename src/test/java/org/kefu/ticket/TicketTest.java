package org.kefu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kefu.shared.ConflictException;

/** The ticket aggregate's own rules, without a database. */
class TicketTest {

	private static final Instant T0 = Instant.parse("2026-11-24T02:00:00Z");

	private static Ticket aNewTicket(long number) {
		Ticket ticket = new Ticket(number, "空调不制冷", "after_sales", Priority.NORMAL, Channel.PHONE, 7L, null, T0);
		ticket.add(Author.CUSTOMER, null, 7L, Visibility.PUBLIC, "家里的空调开了半小时还是不制冷。", Channel.PHONE, T0);
		return ticket;
	}

	@Test
	void anAgentsFirstPublicReplyOpensANewTicket() {
		Ticket ticket = aNewTicket(1);
		ticket.add(Author.AGENT, 3L, null, Visibility.PUBLIC, "您好，已为您预约维修。", Channel.PHONE, T0.plusSeconds(60));
		assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
		assertThat(ticket.firstRepliedAt()).isEqualTo(T0.plusSeconds(60));
	}

	@Test
	void anInternalNoteLeavesANewTicketNew() {
		Ticket ticket = aNewTicket(1);
		ticket.add(Author.AGENT, 3L, null, Visibility.INTERNAL, "先查库存", Channel.PHONE, T0.plusSeconds(60));
		assertThat(ticket.status()).isEqualTo(TicketStatus.NEW);
		assertThat(ticket.firstRepliedAt()).isNull();
	}

	@Test
	void theCustomerWritingAgainReopensASolvedTicket() {
		Ticket ticket = aNewTicket(1);
		ticket.moveTo(TicketStatus.SOLVED, T0.plusSeconds(60));
		assertThat(ticket.solvedAt()).isNotNull();
		ticket.add(Author.CUSTOMER, null, 7L, Visibility.PUBLIC, "还是不行", Channel.PHONE, T0.plusSeconds(120));
		assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
		assertThat(ticket.solvedAt()).isNull();
	}

	@Test
	void theCustomerAnsweringBringsAPendingTicketBackToWork() {
		Ticket ticket = aNewTicket(1);
		ticket.moveTo(TicketStatus.PENDING, T0.plusSeconds(60));
		ticket.add(Author.CUSTOMER, null, 7L, Visibility.PUBLIC, "照片发您了", Channel.PHONE, T0.plusSeconds(120));
		assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
	}

	@Test
	void givingANewTicketToAnAgentOpensIt() {
		Ticket ticket = aNewTicket(1);
		ticket.assign(3L, 2L, T0.plusSeconds(30));
		assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
		assertThat(ticket.assigneeId()).isEqualTo(3L);
		assertThat(ticket.teamId()).isEqualTo(2L);
	}

	@Test
	void refusesAnIllegalStatusMoveAndSaysWhatIsAllowed() {
		Ticket ticket = aNewTicket(1);
		assertThatThrownBy(() -> ticket.moveTo(TicketStatus.CLOSED, T0))
			.isInstanceOf(ConflictException.class)
			.satisfies(e -> {
				ConflictException refusal = (ConflictException) e;
				assertThat(refusal.code()).isEqualTo("ticket.transition-refused");
				assertThat(refusal.properties()).containsEntry("from", "new").containsEntry("to", "closed");
			});
		assertThat(ticket.status()).isEqualTo(TicketStatus.NEW);
	}

	@Test
	void rejectsReplyOnClosedTicket() {
		Ticket ticket = aNewTicket(1);
		ticket.moveTo(TicketStatus.SOLVED, T0);
		ticket.moveTo(TicketStatus.CLOSED, T0);
		assertThat(ticket.closedAt()).isEqualTo(T0);
		assertThatThrownBy(() -> ticket.add(Author.AGENT, 3L, null, Visibility.PUBLIC, "hi", Channel.WEB, T0))
			.isInstanceOf(ConflictException.class)
			.hasMessage("ticket.closed");
		assertThatThrownBy(() -> ticket.moveTo(TicketStatus.OPEN, T0)).isInstanceOf(ConflictException.class);
	}

	@Test
	void tagsAreKeptInOrderWithoutDuplicates() {
		Ticket ticket = aNewTicket(1);
		ticket.tag(new java.util.LinkedHashSet<>(java.util.List.of("vip", "退款")), T0);
		assertThat(ticket.tags()).containsExactly("vip", "退款");
	}

	@Test
	void tagsAreNormalisedWhenGiven() {
		assertThat(TicketInput.tags(java.util.List.of(" VIP ", "vip", "", "物流 异常"))).containsExactly("vip", "物流-异常");
	}

	@Test
	void aTicketCannotBeMergedIntoItself() {
		Ticket ticket = aNewTicket(1);
		assertThatThrownBy(() -> ticket.mergeInto(ticket, T0)).isInstanceOf(ConflictException.class);
		assertThat(Set.of(ticket.status())).containsExactly(TicketStatus.NEW);
	}
}
