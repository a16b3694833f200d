package org.kefu.growth;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A manager's new-business revenue in a year against their target.
 *
 * @param target {@code null} when no target is set
 */
public record Progress(long userId, String manager, int year, BigDecimal target, BigDecimal achieved,
		int approvedLines, int proposedLines) {

	/** Achieved as a per cent of the target, or {@code null} without a target. */
	public Integer percent() {
		if (target == null || target.signum() == 0) {
			return null;
		}
		return achieved.multiply(BigDecimal.valueOf(100)).divide(target, 0, RoundingMode.HALF_UP).intValue();
	}
}
