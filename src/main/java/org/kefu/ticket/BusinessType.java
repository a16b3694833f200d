package org.kefu.ticket;

import java.util.Locale;

/**
 * A kind of customer issue (业务类型), such as 咨询 (inquiry) or 投诉 (complaint). The code is what
 * the API speaks; the names are what people read.
 */
public record BusinessType(String code, String nameZh, String nameEn, boolean active, boolean builtIn,
		int sortOrder) {

	public String name(Locale locale) {
		return Locale.SIMPLIFIED_CHINESE.equals(locale) ? nameZh : nameEn;
	}
}
