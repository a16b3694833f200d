package org.kefu.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A rule that keeps a tag true of exactly the customers it describes.
 *
 * @param kind {@code ticket_count}: at least {@code atLeast} tickets of the business types (any
 *        type when none) in the last {@code days}; {@code ticket_share}: of at least
 *        {@code atLeast} tickets in the last {@code days}, more than {@code percentAbove} per cent
 *        of the business types; {@code key_account_contact}: an active contact at a key account
 */
public record TagRule(long id, String tag, String nameZh, String nameEn, String kind, List<String> businessTypes,
		Integer days, Integer atLeast, BigDecimal percentAbove, boolean active, Instant lastRunAt,
		Integer lastMatched) {

	public String name(Locale locale) {
		return locale.getLanguage().equals("zh") ? nameZh : nameEn;
	}
}
