package org.kefu.schedule.solver;

import java.util.Arrays;

/**
 * One way to work a day: a shift pattern with its meal break placed at one moment (the solver
 * picks the placement along with the pattern). Times are minutes from the day's midnight; a night
 * shift runs past 1440.
 */
public record ShiftChoice(int id, long pattern, String code, String kind, int start, int end, int breakStart,
		int breakMinutes, boolean flexOnly, int[] slots) {

	/** The 30-minute slots from the day's start that the shift covers, break left out. */
	public static ShiftChoice of(int id, long pattern, String code, String kind, int[][] segments, int breakStart,
			int breakMinutes, boolean flexOnly, int slotMinutes) {
		int start = segments[0][0];
		int end = segments[segments.length - 1][1];
		int[] slots = Arrays.stream(segments)
			.flatMapToInt(s -> java.util.stream.IntStream.range(s[0] / slotMinutes, s[1] / slotMinutes))
			.filter(slot -> breakStart < 0 || slot < breakStart / slotMinutes
					|| slot >= (breakStart + breakMinutes) / slotMinutes)
			.toArray();
		return new ShiftChoice(id, pattern, code, kind, start, end, breakStart, breakMinutes, flexOnly, slots);
	}

	/** Minutes worked and paid: the segments without the break (slots are half hours). */
	public int paidMinutes() {
		return slots.length * 30;
	}

	public boolean late() {
		return kind.equals("late") || kind.equals("night");
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ShiftChoice c && c.id == id;
	}

	@Override
	public int hashCode() {
		return id;
	}

	@Override
	public String toString() {
		return code + (breakStart >= 0 ? "@" + breakStart : "");
	}
}
