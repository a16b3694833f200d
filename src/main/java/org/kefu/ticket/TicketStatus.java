package org.kefu.ticket;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ticket is in its life: new → open → pending (waiting on the customer) or on hold
 * (waiting on another department) → solved → closed. A solved ticket reopens when the customer
 * writes again; a closed one is final.
 */
public enum TicketStatus {

	NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED;

	/** The statuses of tickets somebody still has to work on. */
	public static final Set<TicketStatus> UNSOLVED = EnumSet.of(NEW, OPEN, PENDING, ON_HOLD);

	public String code() {
		return name().toLowerCase();
	}

	public static TicketStatus ofCode(String code) {
		return valueOf(code.toUpperCase());
	}

	/** The statuses a ticket in this status may move to. */
	public Set<TicketStatus> next() {
		return switch (this) {
			case NEW -> EnumSet.of(OPEN, PENDING, ON_HOLD, SOLVED);
			case OPEN -> EnumSet.of(PENDING, ON_HOLD, SOLVED);
			case PENDING -> EnumSet.of(OPEN, ON_HOLD, SOLVED);
			case ON_HOLD -> EnumSet.of(OPEN, PENDING, SOLVED);
			case SOLVED -> EnumSet.of(OPEN, CLOSED);
			case CLOSED -> EnumSet.noneOf(TicketStatus.class);
		};
	}

	public boolean canMoveTo(TicketStatus target) {
		return next().contains(target);
	}

	public boolean isUnsolved() {
		return UNSOLVED.contains(this);
	}

	@Override
	public String toString() {
		return code();
	}
}
