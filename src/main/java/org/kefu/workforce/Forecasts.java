package org.kefu.workforce;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.workforce.Staffing.Demand;
import org.kefu.workforce.Staffing.Staffed;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forecasts a planner makes for a queue and a stretch of days, kept with why each day is what it
 * is, read later against what actually came (MAPE, and the same for last week's figures as the
 * baseline to beat), and turned into agents per interval.
 */
@Service
@Transactional(readOnly = true)
public class Forecasts {

	/** Intervals with fewer actual contacts than this are left out of interval MAPE (1 of 2 is 50 %). */
	public static final double MAPE_FLOOR = 10;

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final ContactHistory history;
	private final KnownEvents events;
	private final HandleTimes handleTimes;
	private final JsonMapper json;
	private final Clock clock;

	Forecasts(JdbcClient jdbc, JdbcTemplate template, ContactHistory history, KnownEvents events,
			HandleTimes handleTimes, JsonMapper json, Clock clock) {
		this.handleTimes = handleTimes;
		this.jdbc = jdbc;
		this.template = template;
		this.history = history;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	/** Why a day is forecast as it is. */
	public record Reason(LocalDate date, double total, double weekdayAverage, double level, String event,
			double eventFactor) {
	}

	/** A forecast day against what came. */
	public record DayView(LocalDate date, double forecast, Double actual, Double baseline, double weekdayAverage,
			double level, String event, double eventFactor) {
	}

	public record IntervalView(Instant start, double forecast, Double actual) {
	}

	/** Error so far: Kefu's and the seasonal-naive baseline's, on the days that have actuals. */
	public record Accuracy(int daysMeasured, Double dailyMape, Double baselineDailyMape, Double intervalMape,
			Double baselineIntervalMape) {
	}

	public record ForecastView(long id, String queue, LocalDate startsOn, int days, int intervalMinutes,
			String timeZone, double handleSeconds, Instant createdAt, List<DayView> daily, List<IntervalView> intervals,
			Accuracy accuracy) {

		public double total() {
			return daily.stream().mapToDouble(DayView::forecast).sum();
		}
	}

	public record ForecastSummary(long id, String queue, LocalDate startsOn, int days, double total, Instant createdAt) {
	}

	/** The targets staffing is computed for. */
	public record Targets(double targetAnswerSeconds, double targetServiceLevel, double shrinkage,
			Double patienceSeconds, double maxOccupancy, int concurrency) {
	}

	public record IntervalStaffing(Instant start, double contacts, int agents, int scheduledAgents,
			double serviceLevel, double occupancy) {
	}

	@Transactional
	public long create(String queue, LocalDate startsOn, Integer days, Double handleSeconds, Actor by) {
		String name = ContactHistory.queueName(queue);
		if (startsOn == null) {
			throw new InvalidInputException("workforce.forecast-start");
		}
		int length = days == null ? 7 : days;
		if (length < 1 || length > 84) {
			throw new InvalidInputException("workforce.forecast-days", 84);
		}
		// Only whole days: today is still coming in.
		LocalDate today = LocalDate.now(clock.withZone(history.zone()));
		LocalDate lastDay = startsOn.isAfter(today) ? today.minusDays(1) : startsOn.minusDays(1);
		NavigableMap<LocalDate, double[]> past = history.days(name, startsOn.minusWeeks(40), lastDay);
		if (past.size() < 14) {
			throw new InvalidInputException("workforce.forecast-history", name, 14);
		}
		// The planner's figure, else what was imported, else Kefu's own calls, else three minutes.
		double handle = handleSeconds != null ? handleSeconds
				: history.handleSeconds(name).or(() -> handleTimes.ownAverage(name)).orElse(180.0);
		if (!(handle > 0 && handle <= 86_400)) {
			throw new InvalidInputException("workforce.invalid-demand", "handleSeconds", String.valueOf(handle));
		}
		ZoneId zone = history.zone();
		List<Forecaster.Day> forecast = new Forecaster(past, events.forQueue(name), Forecaster.Settings.STANDARD)
			.forecast(startsOn, length);
		List<Reason> reasons = forecast.stream()
			.map(d -> new Reason(d.date(), d.total(), d.weekdayAverage(), d.level(),
					d.event() == null ? null : d.event().name(), d.eventFactor()))
			.toList();
		Forecaster.Settings s = Forecaster.Settings.STANDARD;
		Map<String, Object> explanation = Map.of("method", "weekday-level", "weeks", s.weeks(), "alpha", s.alpha(),
				"beta", s.beta(), "damping", s.damping(), "profileDays", s.profileDays(), "days", reasons);
		long id = jdbc.sql("""
				insert into workforce_forecast (queue, starts_on, days, interval_minutes, time_zone, handle_seconds,
				  explanation, created_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning id""")
			.params(name, Date.valueOf(startsOn), length, ContactHistory.INTERVAL_MINUTES, zone.getId(), handle,
					json.writeValueAsString(explanation), by.userId(), Timestamp.from(clock.instant()))
			.query(Long.class).single();
		List<Object[]> rows = new ArrayList<>();
		for (Forecaster.Day day : forecast) {
			for (int slot = 0; slot < day.intervals().length; slot++) {
				rows.add(new Object[] { id, Timestamp.from(start(day.date(), slot, zone)),
						BigDecimal.valueOf(Math.round(day.intervals()[slot] * 1000) / 1000.0) });
			}
		}
		template.batchUpdate("insert into workforce_forecast_interval (forecast_id, interval_start, contacts) values (?, ?, ?)",
				rows);
		return id;
	}

	public List<ForecastSummary> all() {
		return jdbc.sql("""
				select f.id, f.queue, f.starts_on, f.days, coalesce((select sum(contacts) from workforce_forecast_interval i
				  where i.forecast_id = f.id), 0), f.created_at
				from workforce_forecast f order by f.created_at desc, f.id desc limit 200""")
			.query((rs, n) -> new ForecastSummary(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
					rs.getInt(4), rs.getDouble(5), rs.getTimestamp(6).toInstant()))
			.list();
	}

	public ForecastView get(long id) {
		record Head(String queue, LocalDate startsOn, int days, int minutes, String zone, double handle, String explanation,
				Instant createdAt) {
		}
		Head head = jdbc.sql("""
				select queue, starts_on, days, interval_minutes, time_zone, handle_seconds, explanation::text, created_at
				from workforce_forecast where id = ?""")
			.param(id)
			.query((rs, n) -> new Head(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getInt(3), rs.getInt(4),
					rs.getString(5), rs.getDouble(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
			.optional().orElseThrow(() -> new NotFoundException("workforce.forecast-not-found", id));
		ZoneId zone = ZoneId.of(head.zone());
		TreeMap<Instant, Double> forecast = new TreeMap<>();
		jdbc.sql("select interval_start, contacts from workforce_forecast_interval where forecast_id = ? order by interval_start")
			.param(id)
			.query((rs, n) -> forecast.put(rs.getTimestamp(1).toInstant(), rs.getDouble(2)))
			.list();
		LocalDate last = head.startsOn().plusDays(head.days() - 1);
		NavigableMap<LocalDate, double[]> actual = history.days(head.queue(), head.startsOn(), last);
		NavigableMap<LocalDate, double[]> before = history.days(head.queue(), head.startsOn().minusWeeks(8),
				head.startsOn().minusDays(1));
		Forecaster naive = new Forecaster(before, List.of(), Forecaster.Settings.STANDARD);
		List<Reason> reasons = json.readValue(json.readTree(head.explanation()).get("days").toString(),
				new TypeReference<List<Reason>>() {
				});
		List<DayView> daily = new ArrayList<>();
		List<IntervalView> intervals = new ArrayList<>();
		Errors kefu = new Errors();
		Errors baseline = new Errors();
		for (Reason reason : reasons) {
			LocalDate day = reason.date();
			double[] came = actual.get(day);
			boolean measured = came != null && !day.isAfter(LocalDate.now(clock.withZone(zone)).minusDays(1));
			double[] last7 = naive.seasonalNaive(head.startsOn(), day).orElse(null);
			double dayForecast = 0;
			for (int slot = 0; slot < ContactHistory.SLOTS; slot++) {
				Instant at = start(day, slot, zone);
				double f = forecast.getOrDefault(at, 0.0);
				dayForecast += f;
				intervals.add(new IntervalView(at, f, measured ? came[slot] : null));
				if (measured) {
					kefu.interval(f, came[slot]);
					if (last7 != null) {
						baseline.interval(last7[slot], came[slot]);
					}
				}
			}
			Double dayActual = measured ? Forecaster.total(came) : null;
			Double dayBaseline = last7 == null ? null : Forecaster.total(last7);
			if (measured) {
				kefu.day(dayForecast, dayActual);
				if (dayBaseline != null) {
					baseline.day(dayBaseline, dayActual);
				}
			}
			daily.add(new DayView(day, dayForecast, dayActual, dayBaseline, reason.weekdayAverage(), reason.level(),
					reason.event(), reason.eventFactor()));
		}
		Accuracy accuracy = new Accuracy(kefu.days, kefu.dailyMape(), baseline.dailyMape(), kefu.intervalMape(),
				baseline.intervalMape());
		return new ForecastView(id, head.queue(), head.startsOn(), head.days(), head.minutes(), head.zone(),
				head.handle(), head.createdAt(), daily, intervals, accuracy);
	}

	/** Agents per interval of a forecast for the targets. */
	public List<IntervalStaffing> staffing(long id, Targets targets) {
		ForecastView view = get(id);
		List<IntervalStaffing> result = new ArrayList<>();
		int seconds = view.intervalMinutes() * 60;
		for (IntervalView interval : view.intervals()) {
			Staffed staffed = Staffing.staff(new Demand(interval.forecast(), seconds, view.handleSeconds(),
					targets.targetAnswerSeconds(), targets.targetServiceLevel(), targets.shrinkage(),
					targets.patienceSeconds(), targets.maxOccupancy(), targets.concurrency()));
			result.add(new IntervalStaffing(interval.start(), interval.forecast(), staffed.agents(),
					staffed.scheduledAgents(), staffed.serviceLevel(), staffed.occupancy()));
		}
		return result;
	}

	/** For each queue, the newest forecast covering the day, per interval of it. */
	public Map<String, double[]> forDay(LocalDate day) {
		ZoneId zone = history.zone();
		Instant from = day.atStartOfDay(zone).toInstant();
		Map<String, double[]> byQueue = new java.util.TreeMap<>();
		jdbc.sql("""
				select distinct on (f.queue) f.queue, f.id from workforce_forecast f
				where f.starts_on <= ? and f.starts_on + f.days > ? order by f.queue, f.created_at desc, f.id desc""")
			.params(Date.valueOf(day), Date.valueOf(day))
			.query((rs, n) -> byQueue.put(rs.getString(1), new double[] { rs.getLong(2) }))
			.list();
		for (var entry : byQueue.entrySet()) {
			long id = (long) entry.getValue()[0];
			double[] intervals = new double[ContactHistory.SLOTS];
			jdbc.sql("select interval_start, contacts from workforce_forecast_interval where forecast_id = ? and interval_start >= ? and interval_start < ?")
				.params(id, Timestamp.from(from), Timestamp.from(from.plus(java.time.Duration.ofDays(1))))
				.query((rs, n) -> {
					int slot = (int) ((rs.getTimestamp(1).toInstant().getEpochSecond() - from.getEpochSecond()) / 1800);
					if (slot >= 0 && slot < intervals.length) {
						intervals[slot] = rs.getDouble(2);
					}
					return null;
				}).list();
			entry.setValue(intervals);
		}
		return byQueue;
	}

	@Transactional
	public void delete(long id) {
		if (jdbc.sql("delete from workforce_forecast where id = ?").param(id).update() == 0) {
			throw new NotFoundException("workforce.forecast-not-found", id);
		}
	}

	private static Instant start(LocalDate day, int slot, ZoneId zone) {
		return day.atStartOfDay(zone).plusMinutes((long) slot * ContactHistory.INTERVAL_MINUTES).toInstant();
	}

	/** Mean absolute percentage errors, daily over days with contacts, per interval over busy intervals. */
	static final class Errors {

		int days;
		private double dailySum;
		private int dailyCount;
		private double intervalSum;
		private int intervalCount;

		void day(double forecast, double actual) {
			days++;
			if (actual > 0) {
				dailySum += Math.abs(forecast - actual) / actual;
				dailyCount++;
			}
		}

		void interval(double forecast, double actual) {
			if (actual >= MAPE_FLOOR) {
				intervalSum += Math.abs(forecast - actual) / actual;
				intervalCount++;
			}
		}

		Double dailyMape() {
			return dailyCount == 0 ? null : dailySum / dailyCount;
		}

		Double intervalMape() {
			return intervalCount == 0 ? null : intervalSum / intervalCount;
		}
	}
}
