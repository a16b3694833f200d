package org.kefu.ticket;

/** How a contact reached the center. */
public enum Channel {

	PHONE, CHAT, EMAIL, WEB, FORM, IM, API;

	public String code() {
		return name().toLowerCase();
	}

	public static Channel ofCode(String code) {
		return valueOf(code.toUpperCase());
	}

	@Override
	public String toString() {
		return code();
	}
}
