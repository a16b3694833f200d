package org.kefu.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.ticket.TicketChange;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketStatus;
import org.kefu.ticket.Tickets;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@KefuTest
class AuditTrailTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Tickets tickets;

	@Autowired
	AuditLog log;

	@Autowired
	JdbcClient jdbc;

	@Test
	void recordsWhoChangedWhatOnATicketAndFromWhere() {
		Fixtures.Person agent = fixtures.person("agent");
		TicketId id = fixtures.aTicket().by(agent).open();
		tickets.change(id, TicketChange.status(TicketStatus.PENDING), agent.actor());

		List<AuditEntry> entries = log.read("ticket", String.valueOf(id.value()), null, null, null, null, 10).items();

		assertThat(entries).extracting(AuditEntry::action).containsExactly("updated", "created");
		AuditEntry change = entries.get(0);
		assertThat(change.actorName()).isEqualTo(agent.username());
		assertThat(change.actorId()).isEqualTo(agent.id().value());
		assertThat(change.address()).isEqualTo("127.0.0.1");
		assertThat(change.changes()).singleElement().satisfies(c -> {
			assertThat(c.field()).isEqualTo("status");
			assertThat(c.before()).isEqualTo("new");
			assertThat(c.after()).isEqualTo("pending");
		});
	}

	@Test
	void recordsUserAndPermissionChanges() {
		Fixtures.Person agent = fixtures.person("agent");
		assertThat(log.read("user", String.valueOf(agent.id().value()), null, null, null, null, 10).items())
			.extracting(AuditEntry::action).contains("created");
	}

	@Test
	void entriesCannotBeChangedOrDeleted() {
		fixtures.aTicket().open();
		assertThatThrownBy(() -> jdbc.sql("update audit_entry set actor_name = 'nobody'").update())
			.hasMessageContaining("cannot be changed");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_entry").update())
			.hasMessageContaining("cannot be changed");
		assertThatThrownBy(() -> jdbc.sql("truncate audit_entry").update())
			.hasMessageContaining("cannot be changed");
	}
}
