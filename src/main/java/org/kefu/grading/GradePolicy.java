package org.kefu.grading;

/**
 * What a grade means for service: whether it is a key account, how far ahead of others its contacts
 * are routed, the first-response target and how often the account is reviewed.
 */
public record GradePolicy(int tier, boolean keyAccount, int routingPriority, int firstResponseMinutes,
		int reviewEveryDays, String descriptionZh, String descriptionEn) {

	public String description(java.util.Locale locale) {
		return locale.getLanguage().equals("zh") ? descriptionZh : descriptionEn;
	}
}
