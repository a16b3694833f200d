package org.kefu.identity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Everything an administrator sees of one user. */
public record UserProfile(UserId id, String username, String displayName, String email, String phone,
		Locale locale, boolean enabled, Instant createdAt, Set<String> roles, List<String> roleNames,
		List<TeamSummary> teams, List<AgentSkill> skills) {

	/** A skill an agent has, at a level from 1 (learning) to 5 (expert). */
	public record AgentSkill(long skillId, String code, String kind, String name, int level) {
	}
}
