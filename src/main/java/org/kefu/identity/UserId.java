package org.kefu.identity;

/** A user's identity, as other modules refer to them. */
public record UserId(long value) {

	public static UserId of(Long value) {
		return value == null ? null : new UserId(value);
	}
}
