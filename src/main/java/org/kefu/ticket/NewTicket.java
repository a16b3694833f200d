package org.kefu.ticket;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerId;

/**
 * What opening a ticket takes: a subject, the customer's description, a business type, and who the
 * customer is (an existing customer, or contact details to find or create one); values for the
 * business type's custom fields, by field key.
 */
public record NewTicket(String subject, String description, String businessType, Priority priority, Channel channel,
		CustomerId customer, ContactDetails contact, Long assignee, Long team, Set<String> tags,
		List<Long> attachments, Map<String, String> fields) {

	public NewTicket {
		tags = tags == null ? Set.of() : Set.copyOf(tags);
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
		fields = fields == null ? Map.of() : new java.util.LinkedHashMap<>(fields);
	}

	/** A ticket without custom field values. */
	public NewTicket(String subject, String description, String businessType, Priority priority, Channel channel,
			CustomerId customer, ContactDetails contact, Long assignee, Long team, Set<String> tags,
			List<Long> attachments) {
		this(subject, description, businessType, priority, channel, customer, contact, assignee, team, tags,
				attachments, null);
	}
}
