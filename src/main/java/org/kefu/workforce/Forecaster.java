package org.kefu.workforce;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Kefu's forecast, in terms a planner can follow: a day's total is the weekday's average over the
 * last weeks ("Mondays run at 1,620") times the recent level of the weeks against that pattern
 * (smoothed, with a damped trend), times an event's factor; the day is spread over intervals by
 * the weekday's pooled share per interval over its last few same weekdays. Days with a known event are
 * left out of the pattern and the level. An event without a factor of its own takes the median
 * factor earlier days of the same kind actually showed.
 */
public final class Forecaster {

	/** How far back the pattern looks and how quickly the level follows the latest weeks. */
	public record Settings(int weeks, double alpha, double beta, double damping, int profileDays) {

		public static final Settings STANDARD = new Settings(12, 0.3, 0.1, 0.8, 8);
	}

	/** A known day or stretch: a holiday, a promotion, the eve of a holiday. */
	public record Event(String name, String kind, LocalDate from, LocalDate to, Double factor) {

		boolean covers(LocalDate day) {
			return !day.isBefore(from) && !day.isAfter(to);
		}
	}

	/** One forecast day and why it is what it is. */
	public record Day(LocalDate date, double total, double[] intervals, double weekdayAverage, double level,
			Event event, double eventFactor) {
	}

	private final NavigableMap<LocalDate, double[]> history;
	private final List<Event> events;
	private final Settings settings;

	/** History: every known day with its contacts per interval (same number of intervals each day). */
	public Forecaster(NavigableMap<LocalDate, double[]> history, List<Event> events, Settings settings) {
		this.history = history;
		this.events = events;
		this.settings = settings;
	}

	/** The days {@code from} on for {@code days} days, from the history before {@code from}. */
	public List<Day> forecast(LocalDate from, int days) {
		NavigableMap<LocalDate, double[]> before = history.headMap(from, false);
		List<Day> result = new ArrayList<>();
		for (int i = 0; i < days; i++) {
			LocalDate day = from.plusDays(i);
			result.add(forecastDay(before, day, true));
		}
		return result;
	}

	/**
	 * The seasonal-naive baseline for a day of a forecast starting {@code from}: the same weekday in
	 * the last week before {@code from}, interval by interval.
	 */
	public Optional<double[]> seasonalNaive(LocalDate from, LocalDate day) {
		LocalDate source = day.minusWeeks(1);
		while (!source.isBefore(from)) {
			source = source.minusWeeks(1);
		}
		return Optional.ofNullable(history.get(source)).map(double[]::clone);
	}

	private Day forecastDay(NavigableMap<LocalDate, double[]> before, LocalDate day, boolean withEvents) {
		int slots = slots();
		if (before.isEmpty()) {
			return new Day(day, 0, new double[slots], 0, 0, null, 1);
		}
		LocalDate last = before.lastKey();
		LocalDate windowStart = last.minusWeeks(settings.weeks()).plusDays(1);
		Map<DayOfWeek, double[]> sums = new EnumMap<>(DayOfWeek.class);
		List<LocalDate> normal = new ArrayList<>();
		for (var entry : before.tailMap(windowStart, true).entrySet()) {
			if (eventOn(entry.getKey()).isEmpty()) {
				normal.add(entry.getKey());
				double[] sum = sums.computeIfAbsent(entry.getKey().getDayOfWeek(), d -> new double[2]);
				sum[0] += total(entry.getValue());
				sum[1]++;
			}
		}
		Map<DayOfWeek, Double> weekday = new EnumMap<>(DayOfWeek.class);
		sums.forEach((d, s) -> weekday.put(d, s[0] / s[1]));
		// Each week's actual against the weekday pattern, oldest week first, smoothed with a damped trend.
		TreeMap<Long, double[]> weeks = new TreeMap<>();
		for (LocalDate d : normal) {
			long weeksBack = ChronoUnit.DAYS.between(d, last) / 7;
			double[] w = weeks.computeIfAbsent(-weeksBack, k -> new double[2]);
			w[0] += total(before.get(d));
			w[1] += weekday.get(d.getDayOfWeek());
		}
		double level = Double.NaN;
		double trend = 0;
		for (double[] w : weeks.values()) {
			if (w[1] <= 0) {
				continue;
			}
			double ratio = w[0] / w[1];
			if (Double.isNaN(level)) {
				level = ratio;
				continue;
			}
			double previous = level;
			level = settings.alpha() * ratio + (1 - settings.alpha()) * (level + settings.damping() * trend);
			trend = settings.beta() * (level - previous) + (1 - settings.beta()) * settings.damping() * trend;
		}
		if (Double.isNaN(level)) {
			level = 1;
		}
		long ahead = (ChronoUnit.DAYS.between(last, day) + 6) / 7;
		double damped = 0;
		for (int h = 1; h <= ahead; h++) {
			damped += Math.pow(settings.damping(), h);
		}
		double projectedLevel = Math.max(0, level + damped * trend);
		double average = weekday.getOrDefault(day.getDayOfWeek(), 0.0);
		double total = projectedLevel * average;
		Event event = null;
		double factor = 1;
		if (withEvents) {
			Optional<Event> on = eventOn(day);
			if (on.isPresent()) {
				event = on.get();
				factor = event.factor() != null ? event.factor() : learnedFactor(before, event.kind());
				total *= factor;
			}
		}
		double[] profile = profile(before, normal, day.getDayOfWeek(), slots);
		double[] intervals = new double[slots];
		for (int i = 0; i < slots; i++) {
			intervals[i] = total * profile[i];
		}
		return new Day(day, total, intervals, average, projectedLevel, event, factor);
	}

	/** The median of actual ÷ normal forecast over earlier days of this kind; 1 when there were none. */
	private double learnedFactor(NavigableMap<LocalDate, double[]> before, String kind) {
		List<Double> ratios = new ArrayList<>();
		for (LocalDate d : before.keySet()) {
			Optional<Event> on = eventOn(d);
			if (on.isPresent() && on.get().kind().equals(kind)) {
				Day normal = forecastDay(before.headMap(d, false), d, false);
				if (normal.total() > 0) {
					ratios.add(total(before.get(d)) / normal.total());
				}
			}
		}
		if (ratios.isEmpty()) {
			return 1;
		}
		ratios.sort(null);
		int n = ratios.size();
		return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
	}

	/**
	 * The weekday's share per interval over its last few normal days, pooled: each interval's
	 * contacts over those days divided by all their contacts, so a nearly empty day (a partial
	 * day, a quiet start) cannot tilt the profile.
	 */
	private double[] profile(NavigableMap<LocalDate, double[]> before, List<LocalDate> normal, DayOfWeek weekday,
			int slots) {
		double[] share = new double[slots];
		double all = 0;
		int used = 0;
		for (int i = normal.size() - 1; i >= 0 && used < settings.profileDays(); i--) {
			LocalDate d = normal.get(i);
			double[] counts = before.get(d);
			double total = total(counts);
			if (d.getDayOfWeek() != weekday || total <= 0) {
				continue;
			}
			for (int s = 0; s < slots; s++) {
				share[s] += counts[s];
			}
			all += total;
			used++;
		}
		if (all <= 0) {
			return share;
		}
		for (int s = 0; s < slots; s++) {
			share[s] /= all;
		}
		return share;
	}

	private Optional<Event> eventOn(LocalDate day) {
		return events.stream().filter(e -> e.covers(day)).findFirst();
	}

	private int slots() {
		return history.isEmpty() ? 48 : history.firstEntry().getValue().length;
	}

	public static double total(double[] values) {
		double sum = 0;
		for (double v : values) {
			sum += v;
		}
		return sum;
	}
}
