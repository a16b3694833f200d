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
}
