package org.kefu.schedule;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.config.solver.SolverManagerConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import jakarta.annotation.PreDestroy;
import org.kefu.identity.Skills;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.UserSummary;
import org.kefu.schedule.Schedules.BrokenRule;
import org.kefu.schedule.Schedules.Settings;
import org.kefu.schedule.Schedules.Summary;
import org.kefu.schedule.solver.Agent;
import org.kefu.schedule.solver.AgentDay;
import org.kefu.schedule.solver.Demand;
import org.kefu.schedule.solver.Roster;
import org.kefu.schedule.solver.RosterConstraints;
import org.kefu.schedule.solver.RosterSolver;
import org.kefu.schedule.solver.ShiftChoice;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Solving schedules in the background, one at a time per schedule: the best schedule so far is
 * shown while the solver works (score, coverage, time), the planner can stop it, and at the end the
 * shifts and every broken rule are saved. Pinned days are kept as they are. A restart while
 * solving leaves the schedule as it was before, saying so.
 */
@Service
public class ScheduleSolving {

	private static final Logger log = LoggerFactory.getLogger(ScheduleSolving.class);

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final TransactionTemplate transactions;
	private final Schedules schedules;
	private final ShiftPatterns patterns;
	private final Teams teams;
	private final Skills skills;
	private final JsonMapper json;
	private final Clock clock;
	private final SolverManager<Roster> manager;
	private final Map<Long, Progress> running = new ConcurrentHashMap<>();

	ScheduleSolving(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions, Schedules schedules,
			ShiftPatterns patterns, Teams teams, Skills skills, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.transactions = transactions;
		this.schedules = schedules;
		this.patterns = patterns;
		this.teams = teams;
		this.skills = skills;
		this.json = json;
		this.clock = clock;
		var config = RosterSolver.config(Duration.ofSeconds(60));
		this.manager = SolverManager.create(config, new SolverManagerConfig().withParallelSolverCount("1"));
	}

	/** How solving goes: the best so far. */
	public record Progress(long schedule, boolean solving, Long hard, Long medium, Long soft, Double coverage,
			long secondsSpent, int limitSeconds) {
	}

	/** Starts solving for at most {@code seconds}; the schedule shows "solving" until it ends. */
	public void solve(long id, Integer seconds) {
		int limit = seconds == null ? 60 : seconds;
		if (limit < 5 || limit > 1800) {
			throw new InvalidInputException("schedule.seconds", 5, 1800);
		}
		Summary schedule = schedules.get(id);
		if (schedule.status().equals("published")) {
			throw new ConflictException("schedule.published");
		}
		if (running.containsKey(id)) {
			throw new ConflictException("schedule.solving");
		}
		// Read everything first: a schedule that cannot be solved (no agents, no patterns) stays as it was.
		Problem problem = problem(schedule);
		int started = jdbc.sql("""
				update schedule set status = 'solving', solve_started_at = ?, solve_finished_at = null, solve_note = null
				where id = ? and status <> 'solving'""")
			.params(Timestamp.from(clock.instant()), id).update();
		if (started == 0) {
			throw new ConflictException("schedule.solving");
		}
		Instant start = clock.instant();
		running.put(id, new Progress(id, true, null, null, null, null, 0, limit));
		manager.solveBuilder()
			.withProblemId(id)
			.withProblem(problem.roster())
			.withConfigOverride(new SolverConfigOverride().withTerminationConfig(new TerminationConfig()
				.withSpentLimit(Duration.ofSeconds(limit))
				.withUnimprovedSpentLimit(Duration.ofSeconds(Math.max(10, limit / 5)))))
			.withBestSolutionEventConsumer(event -> running.put(id, progress(id, event.solution(), start, limit, true)))
			.withFinalBestSolutionEventConsumer(event -> finish(id, problem, event.solution(), start))
			.withExceptionHandler((problemId, failure) -> {
				log.error("Solving schedule {} failed", id, failure);
				running.remove(id);
				jdbc.sql("update schedule set status = 'draft', solve_finished_at = ?, solve_note = 'failed' where id = ?")
					.params(Timestamp.from(clock.instant()), id).update();
			})
			.run();
	}

	/** Stops solving; the best schedule found so far is kept. */
	public void stop(long id) {
		if (!running.containsKey(id)) {
			throw new ConflictException("schedule.not-solving");
		}
		manager.terminateEarly(id);
	}

	public Optional<Progress> progress(long id) {
		return Optional.ofNullable(running.get(id));
	}

	/** A schedule left "solving" by a stopped Kefu goes back to what it was, saying so. */
	@EventListener(ApplicationReadyEvent.class)
	void interrupted() {
		jdbc.sql("""
				update schedule set status = case when exists (select 1 from schedule_shift h where h.schedule_id = schedule.id)
				  then 'solved' else 'draft' end, solve_note = 'interrupted' where status = 'solving'""")
			.update();
	}

	@PreDestroy
	void close() {
		manager.close();
	}

	private Progress progress(long id, Roster roster, Instant start, int limit, boolean solving) {
		HardMediumSoftScore score = roster.getScore();
		return new Progress(id, solving, score.hardScore(), score.mediumScore(), score.softScore(),
				RosterSolver.coverage(roster), Duration.between(start, clock.instant()).toSeconds(), limit);
	}

	private void finish(long id, Problem problem, Roster solved, Instant start) {
		try {
			List<BrokenRule> broken = new ArrayList<>();
			for (RosterConstraints.Broken b : RosterSolver.broken(solved, 100)) {
				broken.add(problem.describe(b));
			}
			HardMediumSoftScore score = solved.getScore();
			transactions.executeWithoutResult(tx -> {
				jdbc.sql("delete from schedule_shift where schedule_id = ?").param(id).update();
				List<Object[]> rows = new ArrayList<>();
				for (AgentDay day : solved.getDays()) {
					Instant midnight = day.getDate().atStartOfDay(problem.zone()).toInstant();
					ShiftChoice shift = day.getShift();
					if (shift == null) {
						if (day.isPinned()) {
							rows.add(new Object[] { id, day.getAgent().id(), Date.valueOf(day.getDate()), null, null, null,
									null, 0, true });
						}
						continue;
					}
					rows.add(new Object[] { id, day.getAgent().id(), Date.valueOf(day.getDate()), shift.pattern(),
							Timestamp.from(midnight.plusSeconds(shift.start() * 60L)),
							Timestamp.from(midnight.plusSeconds(shift.end() * 60L)),
							shift.breakStart() < 0 ? null : Timestamp.from(midnight.plusSeconds(shift.breakStart() * 60L)),
							shift.breakMinutes(), day.isPinned() });
				}
				template.batchUpdate("""
						insert into schedule_shift (schedule_id, user_id, day, pattern_id, starts_at, ends_at, break_starts_at,
						  break_minutes, pinned) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
				jdbc.sql("""
						update schedule set status = 'solved', hard_score = ?, medium_score = ?, soft_score = ?, coverage = ?,
						  explanation = ?::jsonb, solve_finished_at = ? where id = ?""")
					.params(score.hardScore(), score.mediumScore(), score.softScore(), RosterSolver.coverage(solved),
							json.writeValueAsString(broken), Timestamp.from(clock.instant()), id)
					.update();
			});
			log.info("Schedule {} solved in {} s: {}, coverage {}", id, Duration.between(start, clock.instant()).toSeconds(),
					score, RosterSolver.coverage(solved));
		}
		finally {
			running.remove(id);
		}
	}

	/** The roster to solve and what it takes to turn its indexes back into names and times. */
	record Problem(Roster roster, ZoneId zone, LocalDate startsOn, List<String> queues, Map<Long, String> names) {

		BrokenRule describe(RosterConstraints.Broken b) {
			Long agent = b.agent() == 0 ? null : b.agent();
			LocalDate day = b.day() < 0 ? null : startsOn.plusDays(b.day());
			Instant at = b.interval() < 0 ? null
					: startsOn.atStartOfDay(zone).toInstant().plusSeconds(b.interval() * 1800L);
			String queue = b.queue() < 0 ? null : queues.get(b.queue());
			return new BrokenRule(b.rule(), agent, agent == null ? null : names.get(agent), day, at, queue, b.amount(),
					b.reference());
		}
	}

	Problem problem(Summary schedule) {
		Settings settings = schedules.settings(schedule.id());
		ZoneId zone = ZoneId.of(schedule.timeZone());
		int days = schedule.days();
		int intervals = days * 48;
		Instant from = schedule.startsOn().atStartOfDay(zone).toInstant();
		List<ShiftChoice> choices = patterns.choices();
		if (choices.isEmpty()) {
			throw new InvalidInputException("schedule.no-patterns");
		}
		List<String> queues = new ArrayList<>(new TreeSet<>(jdbc
			.sql("select distinct queue from schedule_requirement where schedule_id = ?").param(schedule.id())
			.query(String.class).list()));
		List<Demand> demands = new ArrayList<>();
		jdbc.sql("select queue, interval_start, required from schedule_requirement where schedule_id = ?")
			.param(schedule.id())
			.query((rs, n) -> {
				int queue = queues.indexOf(rs.getString(1));
				int interval = (int) ((rs.getTimestamp(2).toInstant().getEpochSecond() - from.getEpochSecond()) / 1800);
				if (interval >= 0 && interval < intervals) {
					demands.add(new Demand(queue * intervals + interval, queue, interval, rs.getInt(3)));
				}
				return null;
			}).list();
		List<UserSummary> members = teams.members(new TeamId(schedule.team())).stream().filter(UserSummary::enabled).toList();
		if (members.isEmpty()) {
			throw new InvalidInputException("schedule.no-agents", schedule.teamName());
		}
		Map<Long, Map<String, Integer>> levels = skills.levelsByUser();
		Map<Long, Set<LocalDate>> leave = new HashMap<>();
		Map<Long, Set<LocalDate>> wishes = new HashMap<>();
		jdbc.sql("select user_id, starts_on, ends_on, kind from schedule_time_off where ends_on >= ? and starts_on <= ?")
			.params(Date.valueOf(schedule.startsOn()), Date.valueOf(schedule.endsOn()))
			.query((rs, n) -> {
				var target = rs.getString(4).equals("leave") ? leave : wishes;
				for (LocalDate d = rs.getDate(2).toLocalDate(); !d.isAfter(rs.getDate(3).toLocalDate()); d = d.plusDays(1)) {
					target.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(d);
				}
				return null;
			}).list();
		Map<String, Existing> existing = new HashMap<>();
		jdbc.sql("select user_id, day, pattern_id, break_starts_at, pinned, starts_at from schedule_shift where schedule_id = ?")
			.param(schedule.id())
			.query((rs, n) -> existing.put(rs.getLong(1) + "/" + rs.getDate(2).toLocalDate(),
					new Existing((Long) rs.getObject(3), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
							rs.getBoolean(5))))
			.list();
		Set<LocalDate> flexDays = new HashSet<>(settings.flexDays());
		Demand[] table = Roster.table(demands, queues.size(), intervals);
		List<Agent> agents = new ArrayList<>();
		List<AgentDay> agentDays = new ArrayList<>();
		Map<Long, String> names = new HashMap<>();
		for (UserSummary member : members) {
			long user = member.id().value();
			names.put(user, member.displayName());
			List<Integer> covers = new ArrayList<>();
			Map<String, Integer> own = levels.getOrDefault(user, Map.of());
			boolean anyChannel = own.keySet().stream().anyMatch(code -> code.startsWith("channel."));
			for (int q = 0; q < queues.size(); q++) {
				if (!anyChannel || own.containsKey("channel." + queues.get(q))) {
					covers.add(q);
				}
			}
			Agent agent = new Agent(user, member.displayName(), Agent.queues(covers), settings.maxWeeklyHours() * 60, null);
			agents.add(agent);
			for (int d = 0; d < days; d++) {
				LocalDate date = schedule.startsOn().plusDays(d);
				AgentDay day = new AgentDay(agent, d, date, leave.getOrDefault(user, Set.of()).contains(date),
						wishes.getOrDefault(user, Set.of()).contains(date), flexDays.contains(date), choices, 48, table);
				Existing before = existing.get(user + "/" + date);
				if (before != null) {
					day.setShift(before.choice(choices, date.atStartOfDay(zone).toInstant()));
					day.setPinned(before.pinned());
				}
				agentDays.add(day);
			}
		}
		Roster roster = new Roster(new Roster.Rules(settings.minRestHours() * 60, settings.maxDaysInRow()), agents,
				demands, agentDays);
		return new Problem(roster, zone, schedule.startsOn(), queues, names);
	}

	/** A day as it was saved, to start from (and keep, when pinned). */
	record Existing(Long pattern, Instant breakStartsAt, boolean pinned) {

		ShiftChoice choice(List<ShiftChoice> choices, Instant midnight) {
			if (pattern == null) {
				return null;
			}
			int breakStart = breakStartsAt == null ? -1 : (int) ((breakStartsAt.getEpochSecond() - midnight.getEpochSecond()) / 60);
			return choices.stream().filter(c -> c.pattern() == pattern && c.breakStart() == breakStart).findFirst()
				.or(() -> choices.stream().filter(c -> c.pattern() == pattern).findFirst())
				.orElse(null);
		}
	}
}
