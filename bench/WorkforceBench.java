import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;

import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import org.kefu.schedule.ShiftPatterns;
import org.kefu.schedule.solver.Agent;
import org.kefu.schedule.solver.AgentDay;
import org.kefu.schedule.solver.Demand;
import org.kefu.schedule.solver.Roster;
import org.kefu.schedule.solver.RosterSolver;
import org.kefu.schedule.solver.ShiftChoice;
import org.kefu.workforce.Erlang;
import org.kefu.workforce.Forecaster;
import org.kefu.workforce.Staffing;

/**
 * (g) Workforce evaluation on real arrivals: rolling-origin forecasts of each week of September 1999
 * at the "Anonymous Bank" call center against the seasonal-naive baseline; Erlang C exactness and
 * speed; staffing and scheduling of one forecast week. Run by bench/workforce.sh.
 */
public class WorkforceBench {

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/callcenter/anonymous_bank_1999_jan_sep_6min.csv");
		if (!Files.isReadable(file)) {
			System.err.println("The call-center data is missing: " + file.toAbsolutePath()
					+ "\nIt comes with the shared data folder (../shared/data/callcenter); see ../shared/data/README.md.");
			System.exit(2);
		}
		NavigableMap<LocalDate, double[]> history = read(file);
		List<Forecaster.Event> events = israeliHolidays1999();
		System.out.printf(Locale.ROOT, "Data: %s, %d days, %,.0f calls, 30-minute intervals%n", file.getFileName(),
				history.size(), history.values().stream().mapToDouble(Forecaster::total).sum());

		forecastTable(history, events);
		erlangTable();
		scheduleTable(history, events);
	}

	static void forecastTable(NavigableMap<LocalDate, double[]> history, List<Forecaster.Event> events) {
		Score kefuAll = new Score(), naiveAll = new Score(), kefuNormal = new Score(), naiveNormal = new Score(),
				noEvents = new Score(), floor = new Score();
		long started = System.nanoTime();
		int forecasts = 0;
		for (LocalDate start = LocalDate.of(1999, 9, 1); start.getMonthValue() == 9; start = start.plusWeeks(1)) {
			Forecaster kefu = new Forecaster(history, events, Forecaster.Settings.STANDARD);
			Forecaster plain = new Forecaster(history, List.of(), Forecaster.Settings.STANDARD);
			List<Forecaster.Day> week = kefu.forecast(start, 7);
			List<Forecaster.Day> weekNoEvents = plain.forecast(start, 7);
			forecasts++;
			for (int i = 0; i < week.size(); i++) {
				LocalDate day = week.get(i).date();
				double[] actual = history.get(day);
				if (actual == null || day.getMonthValue() != 9) {
					continue;
				}
				double[] f = week.get(i).intervals();
				double[] naive = kefu.seasonalNaive(start, day).orElseThrow();
				boolean normal = events.stream().noneMatch(e -> !day.isBefore(e.from()) && !day.isAfter(e.to()));
				kefuAll.add(f, actual);
				naiveAll.add(naive, actual);
				noEvents.add(weekNoEvents.get(i).intervals(), actual);
				if (normal) {
					kefuNormal.add(f, actual);
					naiveNormal.add(naive, actual);
				}
			}
		}
		double ms = (System.nanoTime() - started) / 1e6;
		System.out.println();
		System.out.println("Forecast, rolling origin: each week of September 1999 (from 1, 8, 15, 22, 29 Sep) from all days before it");
		System.out.println("MAPE daily = over days; hourly = over hours with at least 20 actual calls; WAPE = sum|error| / sum actual, all hours");
		System.out.println();
		System.out.println("| method | days | daily MAPE | daily median APE | hourly MAPE (hours ≥ 20 calls) | hourly WAPE |");
		System.out.println("| --- | --- | --- | --- | --- | --- |");
		kefuAll.row("Kefu (weekday × level, events)");
		noEvents.row("Kefu without the known events");
		naiveAll.row("seasonal naive (same day last week)");
		kefuNormal.row("Kefu, days without an event");
		naiveNormal.row("seasonal naive, days without an event");
		System.out.printf(Locale.ROOT, "%nForecasting time: %.1f ms for %d week forecasts (%.1f ms each, events learned included)%n",
				ms, forecasts, ms / forecasts);
		System.out.println("Noise floor: with Poisson arrivals an hour expecting n calls misses by about sqrt(2 / (pi n)) even when"
				+ " the forecast is the true mean: 8 % at 100 calls, 13 % at 40, 18 % at 20.");
	}

	static void erlangTable() {
		Staffing.Staffed golden = Staffing.staff(new Staffing.Demand(100, 1800, 180, 20, 0.8, 0.3, null, 1, 1));
		System.out.println();
		System.out.println("Erlang C, the published example (100 calls / 30 min, 180 s, 80/20, shrinkage 30 %):");
		System.out.printf(Locale.ROOT, "  agents %d (14), scheduled %d (20), service level %.9f (0.888350), P(wait) %.9f (0.1741319),"
				+ " ASA %.6f s (7.836); |SL − 0.8883500| = %.1e%n", golden.agents(), golden.scheduledAgents(),
				golden.serviceLevel(), golden.probabilityOfWaiting(), golden.averageSpeedOfAnswer(),
				Math.abs(golden.serviceLevel() - 0.888350));
		// 96 intervals × 50 queues, loads from 0.5 to 300 Erlangs.
		double[] loads = new double[96 * 50];
		java.util.Random random = new java.util.Random(7);
		for (int i = 0; i < loads.length; i++) {
			loads[i] = 0.5 + random.nextDouble() * 300;
		}
		long[] times = new long[15];
		int total = 0;
		for (int run = 0; run < times.length; run++) {
			long t0 = System.nanoTime();
			int sum = 0;
			for (double a : loads) {
				sum += Erlang.agentsForErlangC(a, 180, 20, 0.8, 1).agents();
			}
			times[run] = System.nanoTime() - t0;
			total = sum;
		}
		Arrays.sort(times);
		System.out.printf(Locale.ROOT, "Erlang C for 96 intervals × 50 queues (4,800 staffings, 0.5–300 Erlangs, %,d agents in all):"
				+ " median %.2f ms, best %.2f ms, worst %.2f ms over %d runs (first runs include JIT warm-up)%n", total,
				times[times.length / 2] / 1e6, times[0] / 1e6, times[times.length - 1] / 1e6, times.length);
	}

	/**
	 * Staffs one forecast week (the bank's volume times SCALE, so that AGENTS agents are needed),
	 * repeats it over WEEKS weeks and solves the schedule for SECONDS at most.
	 */
	static void scheduleTable(NavigableMap<LocalDate, double[]> history, List<Forecaster.Event> events) {
		int agents = Integer.getInteger("agents", 200);
		int weeks = Integer.getInteger("weeks", 4);
		int seconds = Integer.getInteger("seconds", 60);
		double scale = Double.parseDouble(System.getProperty("scale", "9"));
		LocalDate start = LocalDate.of(1999, 9, 5);
		List<Forecaster.Day> week = new Forecaster(history, events, Forecaster.Settings.STANDARD).forecast(start, 7);
		int days = 7 * weeks;
		int intervals = days * 48;
		List<Demand> demands = new ArrayList<>();
		long required = 0;
		for (int i = 0; i < intervals; i++) {
			double contacts = week.get((i / 48) % 7).intervals()[i % 48] * scale;
			int need = Staffing.staff(new Staffing.Demand(contacts, 1800, 180, 20, 0.8, 0.3, null, 1, 1)).scheduledAgents();
			demands.add(new Demand(i, 0, i, need));
			required += need;
		}
		ShiftPatterns.Pattern[] patterns = {
				new ShiftPatterns.Pattern(1, "early", "早班", "Early", "early", "07:00-16:00", 60, false, true),
				new ShiftPatterns.Pattern(2, "middle", "中班", "Middle", "middle", "10:00-19:00", 60, false, true),
				new ShiftPatterns.Pattern(3, "late", "晚班", "Late", "late", "15:00-24:00", 60, false, true),
				new ShiftPatterns.Pattern(4, "split", "两头班", "Split", "split", "09:00-13:00 17:00-21:00", 0, false, true),
				new ShiftPatterns.Pattern(5, "night", "夜班", "Night", "night", "23:00-08:00", 60, false, true) };
		List<ShiftChoice> choices = new ArrayList<>();
		for (ShiftPatterns.Pattern p : patterns) {
			choices.addAll(ShiftPatterns.choices(p, choices.size()));
		}
		Demand[] table = Roster.table(demands, 1, intervals);
		List<Agent> staff = new ArrayList<>();
		List<AgentDay> agentDays = new ArrayList<>();
		java.util.Random random = new java.util.Random(11);
		for (int a = 0; a < agents; a++) {
			Agent agent = new Agent(a + 1, "agent-" + (a + 1), new int[] { 0 }, 40 * 60, null);
			staff.add(agent);
			int leaveDay = random.nextInt(days * 4);
			for (int d = 0; d < days; d++) {
				agentDays.add(new AgentDay(agent, d, start.plusDays(d), d == leaveDay, false, false, choices, 48, table));
			}
		}
		Roster roster = new Roster(new Roster.Rules(11 * 60, 6), staff, demands, agentDays);
		long t0 = System.nanoTime();
		var solver = ai.timefold.solver.core.api.solver.SolverFactory.<Roster>create(
				RosterSolver.config(java.time.Duration.ofSeconds(seconds))).buildSolver();
		long[] reached = { -1, -1 };
		solver.addEventListener(event -> {
			Roster best = event.getNewBestSolution();
			if (event.isNewBestSolutionInitialized() && ((HardMediumSoftScore) event.getNewBestScore()).hardScore() == 0
					&& RosterSolver.coverage(best) >= 0.98 && reached[0] < 0) {
				reached[0] = event.getTimeMillisSpent();
				reached[1] = (System.nanoTime() - t0) / 1_000_000;
			}
		});
		Roster solved = solver.solve(roster);
		double took = (System.nanoTime() - t0) / 1e9;
		long leaves = agentDays.stream().filter(AgentDay::isLeave).count();
		if (Boolean.getBoolean("shortages")) {
			int[][] byDayHour = new int[7][24];
			for (var b : RosterSolver.shortages(solved)) {
				byDayHour[(b.interval() / 48) % 7][(b.interval() % 48) / 2] += b.amount();
			}
			for (int d = 0; d < 7; d++) {
				System.out.println(start.plusDays(d).getDayOfWeek() + " " + Arrays.toString(byDayHour[d]));
			}
			int[][] need = new int[7][24];
			for (Demand dm : demands) {
				if (dm.interval() < 7 * 48) {
					need[dm.interval() / 48][(dm.interval() % 48) / 2] = Math.max(need[dm.interval() / 48][(dm.interval() % 48) / 2], dm.required());
				}
			}
			for (int d = 0; d < 7; d++) {
				System.out.println("need " + start.plusDays(d).getDayOfWeek() + " " + Arrays.toString(need[d]));
			}
		}
		System.out.println();
		System.out.printf(Locale.ROOT, "Schedule: %d agents × %d weeks (%,d agent-days, %d shift choices, %d approved leave days),"
				+ " the forecast week of 5 Sep 1999 × %.0f staffed at 80/20, 180 s, shrinkage 30 %%, repeated;"
				+ " rest ≥ 11 h, ≤ 6 days in a row, ≤ 40 h a week, one-hour breaks placed by the solver%n", agents, weeks,
				agentDays.size(), choices.size(), leaves, scale);
		System.out.printf(Locale.ROOT, "  required agent-intervals %,d (%.0f agent-hours; the agents can give at most %,d)%n",
				required, required / 2.0, agents * weeks * 40);
		System.out.printf(Locale.ROOT, "  score %s; covered %.2f %% of required agent-intervals; solved in %.1f s (limit %d s)%n",
				solved.getScore(), 100 * RosterSolver.coverage(solved), took, seconds);
		System.out.printf(Locale.ROOT, "  0 hard and ≥ 98 %% covered first reached after %s%n", reached[0] < 0 ? "never"
				: String.format(Locale.ROOT, "%.1f s of solving (%.1f s from building the solver)", reached[0] / 1e3, reached[1] / 1e3));
	}

	/** The holidays of 1999 in Israel a planner there would have entered (the data's bank is Israeli). */
	static List<Forecaster.Event> israeliHolidays1999() {
		List<Forecaster.Event> events = new ArrayList<>();
		String[][] days = {
				{ "Purim", "holiday", "1999-03-02", "1999-03-02" },
				{ "Passover eve", "eve", "1999-03-31", "1999-03-31" },
				{ "Passover", "holiday", "1999-04-01", "1999-04-01" },
				{ "Passover intermediate days", "other", "1999-04-02", "1999-04-06" },
				{ "Passover, last day", "holiday", "1999-04-07", "1999-04-07" },
				{ "Independence Day eve", "eve", "1999-04-20", "1999-04-20" },
				{ "Independence Day", "holiday", "1999-04-21", "1999-04-21" },
				{ "Shavuot eve", "eve", "1999-05-20", "1999-05-20" },
				{ "Shavuot", "holiday", "1999-05-21", "1999-05-21" },
				{ "Rosh Hashanah eve", "eve", "1999-09-10", "1999-09-10" },
				{ "Rosh Hashanah", "holiday", "1999-09-11", "1999-09-12" },
				{ "Yom Kippur eve", "eve", "1999-09-19", "1999-09-19" },
				{ "Yom Kippur", "holiday", "1999-09-20", "1999-09-20" },
				{ "Sukkot eve", "eve", "1999-09-24", "1999-09-24" },
				{ "Sukkot", "holiday", "1999-09-25", "1999-09-25" },
				{ "Sukkot intermediate days", "other", "1999-09-26", "1999-09-30" } };
		for (String[] d : days) {
			events.add(new Forecaster.Event(d[0], d[1], LocalDate.parse(d[2]), LocalDate.parse(d[3]), null));
		}
		return events;
	}

	static NavigableMap<LocalDate, double[]> read(Path file) throws Exception {
		TreeMap<LocalDate, double[]> days = new TreeMap<>();
		for (String line : Files.readAllLines(file)) {
			if (line.startsWith("date")) {
				continue;
			}
			String[] p = line.split(",");
			int minute = Integer.parseInt(p[1].substring(0, 2)) * 60 + Integer.parseInt(p[1].substring(3, 5));
			days.computeIfAbsent(LocalDate.parse(p[0]), d -> new double[48])[minute / 30] += Double.parseDouble(p[2]);
		}
		return days;
	}

	/** Errors of one method over many days. */
	static final class Score {

		int days;
		double dailyApe;
		List<Double> dailyApes = new ArrayList<>();
		double hourlyApe;
		int hours;
		double absolute;
		double actualSum;

		void add(double[] forecast, double[] actual) {
			double f = Forecaster.total(forecast);
			double a = Forecaster.total(actual);
			days++;
			dailyApes.add(Math.abs(f - a) / a);
			for (int h = 0; h < 24; h++) {
				double fh = forecast[2 * h] + forecast[2 * h + 1];
				double ah = actual[2 * h] + actual[2 * h + 1];
				absolute += Math.abs(fh - ah);
				actualSum += ah;
				if (ah >= 20) {
					hourlyApe += Math.abs(fh - ah) / ah;
					hours++;
				}
			}
		}

		void row(String name) {
			List<Double> sorted = new ArrayList<>(dailyApes);
			sorted.sort(null);
			System.out.printf(Locale.ROOT, "| %s | %d | %.1f %% | %.1f %% | %.1f %% (%d hours) | %.1f %% |%n", name, days,
					100 * dailyApes.stream().mapToDouble(Double::doubleValue).average().orElse(0),
					100 * sorted.get(sorted.size() / 2), 100 * hourlyApe / hours, hours, 100 * absolute / actualSum);
		}
	}
}
