package org.kefu.growth;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An account's revenue in a month: of its existing business and of each new line (by line id).
 */
public record MonthFigures(String month, BigDecimal existing, Map<Long, BigDecimal> lines) {

	public BigDecimal newBusiness() {
		return lines.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public BigDecimal total() {
		return (existing == null ? BigDecimal.ZERO : existing).add(newBusiness());
	}
}
