package org.kefu.grading;

import java.time.Instant;
import java.util.List;

import org.kefu.account.AccountId;

/**
 * A grade given to an account, with why.
 *
 * @param previous the grade before, or {@code null} for the first
 * @param trigger {@code quarterly} or {@code on_demand}
 */
public record GradeView(long id, AccountId account, String accountName, String period, int tier, Integer previous,
		double score, List<Reason> reasons, String trigger, Instant gradedAt, String gradedBy) {

	/**
	 * How one criterion counted: the account's figure, its rank among the {@code of} accounts
	 * graded that quarter (1 is best), the points that rank gives (0–100) and the weight in per cent.
	 */
	public record Reason(String criterion, String value, int rank, int of, double points, double weight) {
	}

	public boolean keyAccount() {
		return tier <= 2;
	}
}
