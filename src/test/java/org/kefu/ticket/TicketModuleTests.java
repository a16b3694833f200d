package org.kefu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kefu.customer.ContactDetails;
import org.kefu.shared.Actor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

/** The ticket module on its own (with the modules it needs), announcing what happens to tickets. */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
class TicketModuleTests {

	@Autowired
	Tickets tickets;

	private TicketId aComplaint() {
		return tickets.open(new NewTicket("快递员态度恶劣", "送货时把包裹扔在门口。", "complaint", Priority.HIGH, Channel.PHONE,
				null, new ContactDetails("陈静", null, "13700001111"), null, null, Set.of(), List.of()), Actor.system());
	}

	@Test
	void openingATicketAnnouncesItWithItsBusinessTypeAndChannel(Scenario scenario) {
		scenario.stimulate(this::aComplaint)
			.andWaitForEventOfType(TicketCreated.class)
			.toArriveAndVerify((event, id) -> {
				assertThat(event.ticket()).isEqualTo(id);
				assertThat(event.businessType()).isEqualTo("complaint");
				assertThat(event.channel()).isEqualTo(Channel.PHONE);
				assertThat(event.auditRecord().after().get("priority")).isEqualTo("high");
			});
	}

	@Test
	void solvingAnnouncesTheStatusChangeWithBeforeAndAfter(Scenario scenario) {
		TicketId id = aComplaint();
		scenario.stimulate(() -> tickets.change(id, TicketChange.status(TicketStatus.SOLVED), Actor.system()))
			.andWaitForEventOfType(TicketChanged.class)
			.matching(e -> e.ticket().equals(id))
			.toArriveAndVerify(event -> {
				assertThat(event.before().get("status")).isEqualTo("new");
				assertThat(event.after().get("status")).isEqualTo("solved");
			});
	}

	@Test
	void theCustomerWritingAgainAnnouncesTheMessageAndTheReopening(Scenario scenario) {
		TicketId id = aComplaint();
		tickets.change(id, TicketChange.status(TicketStatus.SOLVED), Actor.system());
		scenario.stimulate(() -> tickets.reply(id, NewMessage.fromCustomer("还是没解决", Channel.PHONE), Actor.system()))
			.andWaitForEventOfType(TicketChanged.class)
			.matching(e -> e.ticket().equals(id) && "open".equals(e.after().get("status")))
			.toArrive();
		assertThat(tickets.summary(id).status()).isEqualTo(TicketStatus.OPEN);
	}
}
