package org.kefu.classify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.kefu.shared.Actor;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.TicketChange;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts the classifier was not sure about wait here for a person to say what they are about;
 * the decision sets the ticket's business type (and team), which routes it.
 */
@Service
@Transactional
public class Triage {

	/** A contact waiting for triage, with the model's guess. */
	public record Waiting(long ticketId, String businessType, Long teamId, double confidence, int modelVersion,
			Instant predictedAt) {
	}

	private final JdbcClient jdbc;
	private final Tickets tickets;
	private final Clock clock;

	Triage(JdbcClient jdbc, Tickets tickets, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Waiting> waiting(int limit) {
		return jdbc.sql("""
				select ticket_id, business_type, team_id, confidence, model_version, predicted_at from classify_prediction
				where not applied and triaged_at is null order by predicted_at limit ?""")
			.param(limit)
			.query(Waiting.class).list();
	}

	@Transactional(readOnly = true)
	public long count() {
		return jdbc.sql("select count(*) from classify_prediction where not applied and triaged_at is null")
			.query(Long.class).single();
	}

	/** A person decides: the ticket gets the business type (and the team, when one is given). */
	public void decide(long ticketId, String businessType, Long team, Actor by) {
		int updated = jdbc.sql("""
				update classify_prediction set triaged_by = ?, triaged_at = ?
				where ticket_id = ? and not applied and triaged_at is null""")
			.params(by.userId(), Timestamp.from(clock.instant()), ticketId)
			.update();
		if (updated == 0) {
			throw new NotFoundException("classify.triage-not-found", ticketId);
		}
		tickets.change(new TicketId(ticketId), new TicketChange(null, null, null, businessType, null,
				team == null ? null : Optional.of(team), null), by);
	}
}
