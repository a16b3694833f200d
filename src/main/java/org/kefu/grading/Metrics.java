package org.kefu.grading;

import java.math.BigDecimal;

/**
 * An account's figures for a quarter.
 *
 * @param revenue income from the account in the quarter
 * @param grossMargin gross margin in per cent
 * @param difficulty how hard the account is to serve, 1 (easy) to 5 (hardest)
 * @param staff people tied up serving it (full-time equivalents)
 * @param punctuality share of invoices paid on time, in per cent
 */
public record Metrics(BigDecimal revenue, BigDecimal grossMargin, int difficulty, BigDecimal staff,
		BigDecimal punctuality) {

	double value(Criterion criterion) {
		return switch (criterion) {
			case REVENUE -> revenue.doubleValue();
			case GROSS_MARGIN -> grossMargin.doubleValue();
			case DIFFICULTY -> difficulty;
			case STAFF -> staff.doubleValue();
			case PUNCTUALITY -> punctuality.doubleValue();
		};
	}
}
