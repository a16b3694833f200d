package org.kefu.customer;

import java.time.Instant;

import org.kefu.shared.EmailAddress;
import org.kefu.shared.PhoneNumber;

/** A customer as pages and the API show them, with their main email address and phone number. */
public record CustomerView(CustomerId id, String name, String email, String phone, Instant createdAt) {

	/** The customer as a role without access to contact details sees them: {@code 138****5678}. */
	public CustomerView masked() {
		return new CustomerView(id, name, EmailAddress.mask(email), PhoneNumber.mask(phone), createdAt);
	}

	public CustomerView maskedUnless(boolean reveal) {
		return reveal ? this : masked();
	}
}
