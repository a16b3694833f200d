package org.kefu.grading;

/**
 * What an account is graded on. Revenue, margin and punctuality count for the account; difficulty
 * and staff tied up count against it.
 */
public enum Criterion {

	REVENUE(true), GROSS_MARGIN(true), DIFFICULTY(false), STAFF(false), PUNCTUALITY(true);

	private final boolean higherIsBetter;

	Criterion(boolean higherIsBetter) {
		this.higherIsBetter = higherIsBetter;
	}

	public boolean higherIsBetter() {
		return higherIsBetter;
	}

	public String code() {
		return name().toLowerCase();
	}
}
