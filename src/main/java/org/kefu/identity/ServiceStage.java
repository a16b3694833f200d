package org.kefu.identity;

/** The stage of the customer's journey a team serves (售前 / 售中 / 售后 / 质检). */
public enum ServiceStage {
	PRE_SALE, IN_SALE, AFTER_SALE, QUALITY;

	public String code() {
		return name().toLowerCase();
	}

	public static ServiceStage ofCode(String code) {
		return valueOf(code.toUpperCase());
	}
}
