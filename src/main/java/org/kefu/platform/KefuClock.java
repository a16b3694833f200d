package org.kefu.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time every module reads. It is the system clock, except while demo data is loaded (history
 * is written at the times it pretends to have happened) or a test fixes the time.
 */
public final class KefuClock extends Clock {

	private volatile Instant fixed;

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		KefuClock self = this;
		return new Clock() {

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return self.withZone(other);
			}

			@Override
			public Instant instant() {
				return self.instant();
			}
		};
	}

	@Override
	public Instant instant() {
		Instant at = fixed;
		return at != null ? at : Instant.now();
	}

	/** Stops time at the given instant, until {@link #resume()}. */
	public void stopAt(Instant instant) {
		this.fixed = instant;
	}

	/** Moves stopped time forward. */
	public void advance(Duration duration) {
		Instant at = fixed;
		if (at == null) {
			throw new IllegalStateException("The clock is running; stop it first");
		}
		this.fixed = at.plus(duration);
	}

	public void resume() {
		this.fixed = null;
	}
}
