package org.kefu.routing;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A ticket as routing sees it. */
public record WorkItem(long id, long ticket, long number, long customer, String subject, String channel,
		String businessType, Long team, String language, List<String> requiredSkills, int priorityRank, Integer grade,
		Long owner, Instant ownerUntil, Instant arrivedAt, String state, Long offeredTo, Long offer,
		Instant offerExpiresAt, Long assignedTo, Set<Long> declinedBy) {

	public long waitedSeconds(Instant now) {
		return Math.max(0, now.getEpochSecond() - arrivedAt.getEpochSecond());
	}
}
