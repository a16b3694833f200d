package org.kefu.ticket;

import java.time.Instant;
import java.util.Set;

import org.kefu.customer.CustomerId;

/** A ticket as a queue lists it. */
public record TicketSummary(TicketId id, long number, String subject, TicketStatus status, Priority priority,
		String businessType, Channel channel, CustomerId customer, Long assignee, Long team, Set<String> tags,
		Instant createdAt, Instant updatedAt) {
}
