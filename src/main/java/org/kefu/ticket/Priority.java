package org.kefu.ticket;

/** How urgent a ticket is; the rank orders queues. */
public enum Priority {

	LOW(1), NORMAL(2), HIGH(3), URGENT(4);

	private final int rank;

	Priority(int rank) {
		this.rank = rank;
	}

	public int rank() {
		return rank;
	}

	public String code() {
		return name().toLowerCase();
	}

	public static Priority ofRank(int rank) {
		for (Priority p : values()) {
			if (p.rank == rank) {
				return p;
			}
		}
		throw new IllegalArgumentException("No priority of rank " + rank);
	}

	public static Priority ofCode(String code) {
		return valueOf(code.toUpperCase());
	}

	@Override
	public String toString() {
		return code();
	}
}
