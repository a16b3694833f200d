package org.kefu.customer;

/** How a customer can be recognised when they come back: by phone, email, chat visitor id or IM id. */
public enum IdentityType {

	PHONE, EMAIL, CHAT, IM;

	public String code() {
		return name().toLowerCase();
	}

	public static IdentityType ofCode(String code) {
		return valueOf(code.toUpperCase());
	}

	/** Phone numbers and email addresses are contact details, masked for roles that do not need them. */
	public boolean isContactDetail() {
		return this == PHONE || this == EMAIL;
	}
}
