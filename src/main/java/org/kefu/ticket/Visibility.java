package org.kefu.ticket;

/** Whether the customer sees a message (a public reply) or only staff do (an internal note). */
public enum Visibility {

	PUBLIC, INTERNAL;

	public String code() {
		return name().toLowerCase();
	}

	@Override
	public String toString() {
		return code();
	}
}
