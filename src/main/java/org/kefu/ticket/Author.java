package org.kefu.ticket;

/** Who wrote a message: an agent, the customer, or Kefu itself (merges, follow-ups). */
public enum Author {

	AGENT, CUSTOMER, SYSTEM;

	public String code() {
		return name().toLowerCase();
	}

	@Override
	public String toString() {
		return code();
	}
}
