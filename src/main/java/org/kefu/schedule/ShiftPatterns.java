package org.kefu.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kefu.schedule.solver.ShiftChoice;
import org.kefu.shared.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shifts a center works, as a planner names them: "早班 08:00-17:00 with an hour's break", a
 * split shift "09:00-13:00 17:00-21:00", flexible four-hour shifts only on promotion days. Each
 * pattern with a break becomes several choices for the solver, the break at different moments in
 * the middle of the shift, so breaks are placed where the queue can spare them.
 */
@Service
@Transactional(readOnly = true)
public class ShiftPatterns {

	public static final int SLOT_MINUTES = 30;

	private final JdbcClient jdbc;

	ShiftPatterns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Pattern(long id, String code, String nameZh, String nameEn, String kind, String hours,
			int breakMinutes, boolean flexOnly, boolean active) {

		public String name(Locale locale) {
			return locale.getLanguage().equals("zh") ? nameZh : nameEn;
		}

		/** Segments in minutes from midnight; an end before its start runs past midnight. */
		public int[][] segments() {
			String[] parts = hours.trim().split("\\s+");
			int[][] segments = new int[parts.length][2];
			int previousEnd = -1;
			for (int i = 0; i < parts.length; i++) {
				String[] span = parts[i].split("-");
				if (span.length != 2) {
					throw new InvalidInputException("schedule.pattern-hours", hours);
				}
				int start = minutes(span[0]);
				int end = minutes(span[1]);
				if (end <= start) {
					end += 1440;
				}
				if (start < previousEnd || end - start < SLOT_MINUTES) {
					throw new InvalidInputException("schedule.pattern-hours", hours);
				}
				segments[i] = new int[] { start, end };
				previousEnd = end;
			}
			return segments;
		}

		private int minutes(String text) {
			String[] hm = text.trim().split(":");
			try {
				int h = Integer.parseInt(hm[0]);
				int m = Integer.parseInt(hm[1]);
				if (h < 0 || h > 24 || m < 0 || m > 59 || m % SLOT_MINUTES != 0 || (h == 24 && m != 0)) {
					throw new InvalidInputException("schedule.pattern-hours", hours);
				}
				return h * 60 + m;
			}
			catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
				throw new InvalidInputException("schedule.pattern-hours", hours);
			}
		}
	}

	public List<Pattern> all() {
		return jdbc.sql("select id, code, name_zh, name_en, kind, hours, break_minutes, flex_only, active from schedule_pattern order by id")
			.query((rs, n) -> new Pattern(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getInt(7), rs.getBoolean(8), rs.getBoolean(9)))
			.list();
	}

	public Pattern get(long id) {
		return all().stream().filter(p -> p.id() == id).findFirst()
			.orElseThrow(() -> new org.kefu.shared.NotFoundException("schedule.pattern-not-found", id));
	}

	@Transactional
	public long save(Long id, String code, String nameZh, String nameEn, String kind, String hours, int breakMinutes,
			boolean flexOnly, boolean active) {
		if (code == null || !code.matches("[a-z0-9][a-z0-9-]{0,29}")) {
			throw new InvalidInputException("schedule.pattern-code", String.valueOf(code));
		}
		if (!List.of("early", "middle", "late", "night", "split", "flex").contains(kind)) {
			throw new InvalidInputException("schedule.pattern-kind", String.valueOf(kind));
		}
		if (breakMinutes != 0 && breakMinutes != 30 && breakMinutes != 60) {
			throw new InvalidInputException("schedule.pattern-break", breakMinutes);
		}
		Pattern pattern = new Pattern(0, code, blank(nameZh, code), blank(nameEn, code), kind, hours == null ? "" : hours,
				breakMinutes, flexOnly, active);
		choices(pattern, 0);
		if (id == null) {
			return jdbc.sql("""
					insert into schedule_pattern (code, name_zh, name_en, kind, hours, break_minutes, flex_only, active)
					values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing returning id""")
				.params(code, pattern.nameZh(), pattern.nameEn(), kind, hours.trim(), breakMinutes, flexOnly, active)
				.query(Long.class).optional()
				.orElseThrow(() -> new org.kefu.shared.ConflictException("schedule.pattern-taken", code));
		}
		jdbc.sql("update schedule_pattern set code = ?, name_zh = ?, name_en = ?, kind = ?, hours = ?, break_minutes = ?, flex_only = ?, active = ? where id = ?")
			.params(code, pattern.nameZh(), pattern.nameEn(), kind, hours.trim(), breakMinutes, flexOnly, active, id)
			.update();
		return id;
	}

	/** Every active pattern as the solver's choices, ids numbered from 0. */
	public List<ShiftChoice> choices() {
		List<ShiftChoice> choices = new ArrayList<>();
		for (Pattern pattern : all()) {
			if (pattern.active()) {
				choices.addAll(choices(pattern, choices.size()));
			}
		}
		return choices;
	}

	/**
	 * A pattern's choices: one without a break, or one per break moment, every half hour from three
	 * hours into a shift of one segment to three hours before its end (at most four).
	 */
	public static List<ShiftChoice> choices(Pattern pattern, int firstId) {
		int[][] segments = pattern.segments();
		List<ShiftChoice> choices = new ArrayList<>();
		if (pattern.breakMinutes() == 0 || segments.length > 1) {
			choices.add(ShiftChoice.of(firstId, pattern.id(), pattern.code(), pattern.kind(), segments, -1, 0,
					pattern.flexOnly(), SLOT_MINUTES));
			return choices;
		}
		int start = segments[0][0];
		int end = segments[0][1];
		int from = start + 180;
		int to = Math.min(end - 180 - pattern.breakMinutes(), from + 3 * SLOT_MINUTES);
		if (to < from) {
			from = start + (end - start - pattern.breakMinutes()) / 2 / SLOT_MINUTES * SLOT_MINUTES;
			to = from;
		}
		for (int at = from; at <= to; at += SLOT_MINUTES) {
			choices.add(ShiftChoice.of(firstId + choices.size(), pattern.id(), pattern.code(), pattern.kind(), segments,
					at, pattern.breakMinutes(), pattern.flexOnly(), SLOT_MINUTES));
		}
		return choices;
	}

	private static String blank(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value.strip();
	}
}
