package org.kefu.shared;

import java.math.BigDecimal;

/** Amounts as people write them. */
public final class Amounts {

	private Amounts() {
	}

	/** Without trailing zeros and never in exponent form: 1800.00 as 1800, not 1.8E+3; {@code null} stays. */
	public static BigDecimal plain(BigDecimal value) {
		return value == null ? null : new BigDecimal(value.stripTrailingZeros().toPlainString());
	}
}
