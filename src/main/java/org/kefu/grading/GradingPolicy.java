package org.kefu.grading;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The weights of the criteria and the lowest score of grades 1, 2 and 3; below {@code tier3Min}
 * an account is grade 4.
 */
public record GradingPolicy(Map<Criterion, BigDecimal> weights, BigDecimal tier1Min, BigDecimal tier2Min,
		BigDecimal tier3Min) {

	public int tierFor(double score) {
		if (score >= tier1Min.doubleValue()) {
			return 1;
		}
		if (score >= tier2Min.doubleValue()) {
			return 2;
		}
		return score >= tier3Min.doubleValue() ? 3 : 4;
	}

	/** A weight as a share of all weights, in per cent. */
	public double share(Criterion criterion) {
		double total = weights.values().stream().mapToDouble(BigDecimal::doubleValue).sum();
		return 100 * weights.get(criterion).doubleValue() / total;
	}
}
