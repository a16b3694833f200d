package org.kefu.identity;

/** A team's identity, as other modules refer to it. */
public record TeamId(long value) {

	public static TeamId of(Long value) {
		return value == null ? null : new TeamId(value);
	}
}
