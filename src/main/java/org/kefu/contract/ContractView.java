package org.kefu.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.kefu.account.AccountId;

/** A contract, agreement or quote as its register shows it. */
public record ContractView(long id, AccountId account, String accountName, String kind, String number, String title,
		LocalDate validFrom, LocalDate validTo, String status, String note, Instant createdAt,
		List<Document> documents, List<Price> prices) {

	/** A signed copy, an annex. */
	public record Document(long id, String filename, String contentType, long size, Instant createdAt) {
	}

	/** A registered price. */
	public record Price(long id, String item, String unit, BigDecimal price, String currency) {
	}

	/** Days from the given day to the end of validity; negative once expired. */
	public long daysLeft(LocalDate today) {
		return java.time.temporal.ChronoUnit.DAYS.between(today, validTo);
	}
}
