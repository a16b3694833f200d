package org.kefu.ticket;

import java.util.List;
import java.util.Set;

import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerId;

/**
 * What opening a ticket takes: a subject, the customer's description, a business type, and who the
 * customer is (an existing customer, or contact details to find or create one).
 */
public record NewTicket(String subject, String description, String businessType, Priority priority, Channel channel,
		CustomerId customer, ContactDetails contact, Long assignee, Long team, Set<String> tags,
		List<Long> attachments) {

	public NewTicket {
		tags = tags == null ? Set.of() : Set.copyOf(tags);
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}
}
