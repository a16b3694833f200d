package org.kefu.customer;

import java.time.Instant;

import org.kefu.shared.EmailAddress;
import org.kefu.shared.PhoneNumber;

/** One way of recognising a customer, such as a phone number or a WeChat openid. */
public record Identity(long id, IdentityType type, String value, Instant createdAt) {

	/** The identity as a role without access to contact details sees it. */
	public Identity masked() {
		return switch (type) {
			case PHONE -> new Identity(id, type, PhoneNumber.mask(value), createdAt);
			case EMAIL -> new Identity(id, type, EmailAddress.mask(value), createdAt);
			default -> this;
		};
	}
}
