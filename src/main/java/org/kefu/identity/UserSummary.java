package org.kefu.identity;

/** What other modules show of a user: their name, and whether they still work here. */
public record UserSummary(UserId id, String username, String displayName, boolean enabled) {
}
