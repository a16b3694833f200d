package org.kefu.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.kefu.customer.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Counts over tickets for other modules: how often customers got in touch, and about what. */
@Service
@Transactional(readOnly = true)
public class TicketStatistics {

	private final JdbcClient jdbc;

	TicketStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A customer's tickets since a time: all of them, and those of the business types asked about. */
	public record CustomerCounts(CustomerId customer, long total, long matching) {
	}

	/** Per customer with tickets since the given time, how many, and how many of the given business types. */
	public List<CustomerCounts> countsSince(Instant since, Set<String> businessTypes) {
		return jdbc.sql("""
				select customer_id, count(*), count(*) filter (where business_type = any(?)) from ticket
				where created_at >= ? group by customer_id""")
			.params(businessTypes.toArray(String[]::new), Timestamp.from(since))
			.query((rs, n) -> new CustomerCounts(new CustomerId(rs.getLong(1)), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	/** A solved or closed ticket's words and where it ended up: its final business type and team. */
	public record ResolvedText(long ticketId, String subject, String firstMessage, String businessType, Long teamId) {

		public String text() {
			return firstMessage == null || firstMessage.isBlank() ? subject : subject + "\n" + firstMessage;
		}
	}

	/** The most recently opened solved or closed tickets (merged ones left out), for learning from. */
	public List<ResolvedText> resolvedTexts(int limit) {
		return jdbc.sql("""
				select t.id, t.subject, t.business_type, t.team_id,
				  (select m.body from ticket_message m where m.ticket_id = t.id and m.author_type = 'customer'
				   order by m.created_at, m.id limit 1) as first_message
				from ticket t
				where t.status in ('solved', 'closed') and t.merged_into_id is null
				order by t.id desc limit ?""")
			.param(limit)
			.query((rs, n) -> new ResolvedText(rs.getLong("id"), rs.getString("subject"), rs.getString("first_message"),
					rs.getString("business_type"), (Long) rs.getObject("team_id")))
			.list();
	}
}
