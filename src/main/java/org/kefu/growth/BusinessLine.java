package org.kefu.growth;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.kefu.account.AccountId;

/**
 * A new line of business with an existing account: a new route, a new warehouse, a new kind of
 * service.
 *
 * @param status {@code proposed}, {@code approved} or {@code rejected}
 * @param countsFor the year whose target its revenue counts towards
 */
public record BusinessLine(long id, AccountId account, String accountName, String name, String description,
		BigDecimal expectedMonthlyRevenue, LocalDate startsOn, long ownerId, String owner, String status,
		Instant proposedAt, String decidedBy, Instant decidedAt, String decisionNote, int countsFor) {

	/** Business started in November or December counts towards the next year (seed 002 §5.3). */
	public static int countsFor(LocalDate startsOn) {
		return startsOn.getMonthValue() >= 11 ? startsOn.getYear() + 1 : startsOn.getYear();
	}
}
