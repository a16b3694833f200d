package org.kefu.sla;

/** What a clock measures. */
public enum SlaMetric {

	/** From the customer's first message to the first public reply. */
	FIRST_RESPONSE,
	/** From a customer's message after a reply to the next public reply. */
	NEXT_RESPONSE,
	/** From the ticket's opening to its solving, paused while it waits on the customer. */
	RESOLUTION;

	public String code() {
		return name().toLowerCase();
	}

	public static SlaMetric ofCode(String code) {
		return valueOf(code.toUpperCase());
	}
}
