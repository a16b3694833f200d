package org.kefu.adherence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.kefu.agentstate.AgentState;
import org.kefu.agentstate.AgentStates;
import org.kefu.agentstate.AgentStates.Change;
import org.kefu.identity.Teams;
import org.kefu.schedule.Schedules;
import org.kefu.schedule.Schedules.Shift;
import org.kefu.schedule.ShiftPatterns;
import org.kefu.workforce.ContactHistory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Scheduled activity against actual agent state. While the shift says "work", online, busy and
 * after-call work are in adherence; while it says "break", a break or being signed out is. A
 * few minutes' grace (5 by default) separate "late" from "a moment to sign in".
 */
@Service
public class Adherence {

	private final Schedules schedules;
	private final ShiftPatterns patterns;
	private final AgentStates states;
	private final Teams teams;
	private final ContactHistory history;
	private final Clock clock;
	private final Duration grace;

	Adherence(Schedules schedules, ShiftPatterns patterns, AgentStates states, Teams teams, ContactHistory history,
			Clock clock, @Value("${kefu.adherence.grace-minutes:5}") long graceMinutes) {
		this.schedules = schedules;
		this.patterns = patterns;
		this.states = states;
		this.teams = teams;
		this.history = history;
		this.clock = clock;
		this.grace = Duration.ofMinutes(graceMinutes);
	}

	/** What the shift says at a moment. */
	public enum Planned {
		WORK, BREAK, OFF
	}

	/** One agent now: what the shift says, what they do, since when, and whether that fits. */
	public record Now(long user, String name, Planned planned, AgentState actual, String reason, Instant since,
			boolean inAdherence, Shift shift) {
	}

	/** One agent's day. Minutes are whole minutes; adherence is in-adherence time over the shift. */
	public record Day(long user, String name, Shift shift, long scheduledMinutes, long inAdherenceMinutes,
			Double adherence, Long lateMinutes, Long leftEarlyMinutes, long breakMinutes, long plannedBreakMinutes,
			boolean longBreak, boolean noShow) {
	}

	/** The team's agents now, those out of adherence first. */
	public List<Now> now(Long team) {
		Instant now = clock.instant();
		Map<Long, List<Shift>> shifts = schedules.publishedBetween(now.minus(Duration.ofHours(14)), now.plus(Duration.ofHours(14)));
		Set<Long> members = teams.memberIds(team);
		List<Now> result = new ArrayList<>();
		Map<Long, AgentStates.StateView> current = states.all().stream()
			.collect(Collectors.toMap(AgentStates.StateView::user, v -> v, (a, b) -> a));
		Set<Long> people = new java.util.TreeSet<>(shifts.keySet());
		people.addAll(current.keySet());
		for (long user : people) {
			if (members != null && !members.contains(user)) {
				continue;
			}
			Shift shift = shifts.getOrDefault(user, List.of()).stream()
				.filter(s -> !s.endsAt().isBefore(now)).findFirst().orElse(null);
			Planned planned = planned(shift, now);
			AgentStates.StateView state = current.getOrDefault(user, states.current(user));
			if (shift == null && state.state() == AgentState.OFFLINE) {
				continue;
			}
			boolean fits = fits(planned, state.state())
					|| (planned == Planned.WORK && shift != null && now.isBefore(shift.startsAt().plus(grace)));
			result.add(new Now(user, shift != null ? shift.name() : state.name(), planned, state.state(), state.reason(),
					state.since(), fits, shift));
		}
		result.sort(Comparator.comparing(Now::inAdherence).thenComparing(Now::name));
		return result;
	}

	/** Each agent with a published shift on the day: adherence, late, early, breaks. */
	public List<Day> day(Long team, LocalDate day) {
		ZoneId zone = history.zone();
		Instant from = day.atStartOfDay(zone).toInstant();
		Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
		Instant now = clock.instant();
		Set<Long> members = teams.memberIds(team);
		List<Day> days = new ArrayList<>();
		for (var entry : schedules.publishedBetween(from, to).entrySet()) {
			if (members != null && !members.contains(entry.getKey())) {
				continue;
			}
			for (Shift shift : entry.getValue()) {
				if (shift.day().equals(day)) {
					days.add(measure(shift, now));
				}
			}
		}
		days.sort(Comparator.comparing((Day d) -> d.adherence() == null ? 2 : d.adherence()).thenComparing(Day::name));
		return days;
	}

	Day measure(Shift shift, Instant now) {
		long user = shift.user();
		Instant end = shift.endsAt().isAfter(now) ? now : shift.endsAt();
		if (!end.isAfter(shift.startsAt())) {
			return new Day(user, shift.name(), shift, minutes(shift.startsAt(), shift.endsAt()), 0, null, null, null, 0,
					shift.breakMinutes(), false, false);
		}
		List<Change> changes = new ArrayList<>();
		changes.add(new Change(states.stateAt(user, shift.startsAt()), null, shift.startsAt(), true, null));
		changes.addAll(states.history(user, shift.startsAt(), end));
		long inAdherence = 0;
		long onBreak = 0;
		Instant firstWorking = null;
		Instant lastWorking = null;
		for (int i = 0; i < changes.size(); i++) {
			Change change = changes.get(i);
			Instant stretchStart = change.at().isBefore(shift.startsAt()) ? shift.startsAt() : change.at();
			Instant stretchEnd = i + 1 < changes.size() ? changes.get(i + 1).at() : end;
			AgentState state = change.state();
			if (state == AgentState.BREAK) {
				onBreak += stretchEnd.getEpochSecond() - stretchStart.getEpochSecond();
			}
			if (working(state)) {
				firstWorking = firstWorking == null ? stretchStart : firstWorking;
				lastWorking = stretchEnd;
			}
			// Second by second would be exact but slow; the plan changes only at the break's edges and
			// between a split shift's parts, so the stretch is cut at those moments.
			for (Instant[] piece : cut(shift, stretchStart, stretchEnd)) {
				Planned plan = planned(shift, piece[0]);
				// Signed out through the break fits only for someone who came to work before it.
				boolean absentAllAlong = plan == Planned.BREAK && state == AgentState.OFFLINE && firstWorking == null;
				if (fits(plan, state) && !absentAllAlong) {
					inAdherence += piece[1].getEpochSecond() - piece[0].getEpochSecond();
				}
			}
		}
		long scheduled = minutes(shift.startsAt(), shift.endsAt());
		long elapsed = minutes(shift.startsAt(), end);
		Long late = firstWorking == null ? null : Math.max(0, minutes(shift.startsAt(), firstWorking));
		boolean shiftOver = !shift.endsAt().isAfter(now);
		Long early = shiftOver && lastWorking != null && lastWorking.isBefore(shift.endsAt().minus(grace))
				&& !working(changes.get(changes.size() - 1).state()) ? minutes(lastWorking, shift.endsAt()) : null;
		long breakMinutes = onBreak / 60;
		return new Day(user, shift.name(), shift, scheduled, inAdherence / 60,
				elapsed == 0 ? null : Math.min(1.0, (double) (inAdherence / 60) / elapsed),
				late != null && late > grace.toMinutes() ? late : null, early, breakMinutes, shift.breakMinutes(),
				breakMinutes > shift.breakMinutes() + grace.toMinutes(), firstWorking == null && now.isAfter(shift.startsAt().plus(grace)));
	}

	/** What the shift says at a moment: work, the break, a split shift's gap (off) or outside it (off). */
	Planned planned(Shift shift, Instant at) {
		if (shift == null || at.isBefore(shift.startsAt()) || !at.isBefore(shift.endsAt())) {
			return Planned.OFF;
		}
		if (shift.breakStartsAt() != null && !at.isBefore(shift.breakStartsAt())
				&& at.isBefore(shift.breakStartsAt().plus(Duration.ofMinutes(shift.breakMinutes())))) {
			return Planned.BREAK;
		}
		for (Instant[] gap : gaps(shift)) {
			if (!at.isBefore(gap[0]) && at.isBefore(gap[1])) {
				return Planned.OFF;
			}
		}
		return Planned.WORK;
	}

	private List<Instant[]> gaps(Shift shift) {
		List<Instant[]> gaps = new ArrayList<>();
		if (shift.pattern() == null) {
			return gaps;
		}
		int[][] segments = patterns.get(shift.pattern()).segments();
		Instant midnight = shift.startsAt().minus(Duration.ofMinutes(segments[0][0]));
		for (int i = 1; i < segments.length; i++) {
			gaps.add(new Instant[] { midnight.plus(Duration.ofMinutes(segments[i - 1][1])),
					midnight.plus(Duration.ofMinutes(segments[i][0])) });
		}
		return gaps;
	}

	private List<Instant[]> cut(Shift shift, Instant from, Instant to) {
		List<Instant> edges = new ArrayList<>(List.of(from, to));
		if (shift.breakStartsAt() != null) {
			edges.add(shift.breakStartsAt());
			edges.add(shift.breakStartsAt().plus(Duration.ofMinutes(shift.breakMinutes())));
		}
		for (Instant[] gap : gaps(shift)) {
			edges.add(gap[0]);
			edges.add(gap[1]);
		}
		List<Instant> inside = edges.stream().filter(e -> !e.isBefore(from) && !e.isAfter(to)).distinct().sorted().toList();
		List<Instant[]> pieces = new ArrayList<>();
		for (int i = 0; i + 1 < inside.size(); i++) {
			pieces.add(new Instant[] { inside.get(i), inside.get(i + 1) });
		}
		return pieces;
	}

	static boolean working(AgentState state) {
		return state == AgentState.ONLINE || state == AgentState.BUSY || state == AgentState.AFTER_CALL;
	}

	static boolean fits(Planned planned, AgentState state) {
		return switch (planned) {
			case WORK -> working(state);
			case BREAK -> state == AgentState.BREAK || state == AgentState.OFFLINE;
			case OFF -> true;
		};
	}

	private static long minutes(Instant from, Instant to) {
		return Math.max(0, Duration.between(from, to).toMinutes());
	}
}
