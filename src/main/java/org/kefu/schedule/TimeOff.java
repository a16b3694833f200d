package org.kefu.schedule;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.kefu.identity.UserId;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Days agents are away or would rather not work: approved leave (entered by a planner; a schedule
 * never puts the agent on those days) and wishes (an agent's own; kept when the queue allows).
 */
@Service
@Transactional(readOnly = true)
public class TimeOff {

	private final JdbcClient jdbc;
	private final Users users;
	private final Clock clock;

	TimeOff(JdbcClient jdbc, Users users, Clock clock) {
		this.users = users;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public record Entry(long id, long user, String name, LocalDate startsOn, LocalDate endsOn, String kind, String note) {
	}

	@Transactional
	public long add(long user, LocalDate startsOn, LocalDate endsOn, String kind, String note, Actor by) {
		if (!"leave".equals(kind) && !"wish".equals(kind)) {
			throw new InvalidInputException("schedule.time-off-kind");
		}
		LocalDate last = endsOn == null ? startsOn : endsOn;
		if (startsOn == null || last.isBefore(startsOn) || last.isAfter(startsOn.plusDays(90))) {
			throw new InvalidInputException("schedule.time-off-dates");
		}
		return jdbc.sql("""
				insert into schedule_time_off (user_id, starts_on, ends_on, kind, note, created_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(user, Date.valueOf(startsOn), Date.valueOf(last), kind, note == null ? null : note.strip(),
					by.userId(), Timestamp.from(clock.instant()))
			.query(Long.class).single();
	}

	public List<Entry> between(LocalDate from, LocalDate to, Long user) {
		return jdbc.sql("""
				select o.id, o.user_id, null, o.starts_on, o.ends_on, o.kind, o.note
				from schedule_time_off o
				where o.ends_on >= ? and o.starts_on <= ? and (cast(? as bigint) is null or o.user_id = ?)
				order by o.starts_on, o.id""")
			.params(Date.valueOf(from), Date.valueOf(to), user, user)
			.query((rs, n) -> new Entry(rs.getLong(1), rs.getLong(2), null, rs.getDate(4).toLocalDate(),
					rs.getDate(5).toLocalDate(), rs.getString(6), rs.getString(7)))
			.list()
			.stream()
			.map(e -> new Entry(e.id(), e.user(), users.find(new UserId(e.user())).map(UserSummary::displayName)
				.orElse("#" + e.user()), e.startsOn(), e.endsOn(), e.kind(), e.note()))
			.toList();
	}

	/** Removes an entry: a planner any, an agent only their own wish. */
	@Transactional
	public void remove(long id, Long onlyWishOf) {
		int removed = onlyWishOf == null ? jdbc.sql("delete from schedule_time_off where id = ?").param(id).update()
				: jdbc.sql("delete from schedule_time_off where id = ? and user_id = ? and kind = 'wish'")
					.params(id, onlyWishOf).update();
		if (removed == 0) {
			throw new NotFoundException("schedule.time-off-not-found", id);
		}
	}
}
