package org.kefu.grading;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.kefu.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grades the quarter just ended, once, on a set day of the new quarter (by default the 10th, when
 * the month's statements are agreed with customers and the figures are in). Whichever node runs
 * first claims the quarter; a quarter missed while Kefu was down is graded on the next run.
 */
@Component
class QuarterlyGrading {

	private static final Logger log = LoggerFactory.getLogger(QuarterlyGrading.class);

	private final JdbcClient jdbc;
	private final Grading grading;
	private final Clock clock;
	private final int day;

	QuarterlyGrading(JdbcClient jdbc, Grading grading, Clock clock,
			@Value("${kefu.grading.day-of-quarter:10}") int day) {
		this.jdbc = jdbc;
		this.grading = grading;
		this.clock = clock;
		this.day = Math.max(1, Math.min(day, 28));
	}

	@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS, initialDelay = 2)
	void hourly() {
		run(grading.today());
	}

	/** Grades the previous quarter if it is due and not yet graded; returns the grades given. */
	@Transactional
	List<GradeView> run(LocalDate today) {
		Quarter current = Quarter.of(today);
		if (today.isBefore(current.firstDay().plusDays(day - 1))) {
			return List.of();
		}
		Quarter period = current.previous();
		if (grading.accountsWithFigures(period) == 0) {
			return List.of();
		}
		int claimed = jdbc.sql("insert into grading_run (period, ran_at, graded) values (?, ?, 0) on conflict do nothing")
			.params(period.toString(), Timestamp.from(clock.instant())).update();
		if (claimed == 0) {
			return List.of();
		}
		List<GradeView> grades = grading.grade(period, "quarterly", Actor.system());
		jdbc.sql("update grading_run set graded = ? where period = ?").params(grades.size(), period.toString()).update();
		log.info("Graded {} accounts for {}", grades.size(), period);
		return grades;
	}
}
