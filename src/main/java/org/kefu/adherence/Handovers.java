package org.kefu.adherence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shift handover notes (交接班记录): what the outgoing shift tells the next one — a system down, a
 * customer to call back, a queue to watch. Kept per team, newest first.
 */
@Service
@Transactional(readOnly = true)
public class Handovers {

	private final JdbcClient jdbc;
	private final Clock clock;

	Handovers(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public record Note(long id, Long team, long author, String authorName, Instant writtenAt, String text) {
	}

	@Transactional
	public long write(Long team, String text, Actor by) {
		if (text == null || text.isBlank() || text.length() > 4000) {
			throw new InvalidInputException("adherence.handover-text", 4000);
		}
		return jdbc.sql("insert into adherence_handover (team_id, author_id, author_name, written_at, text) values (?, ?, ?, ?, ?) returning id")
			.params(team, by.userId(), by.name(), Timestamp.from(clock.instant()), text.strip())
			.query(Long.class).single();
	}

	public List<Note> latest(Long team, int limit) {
		return jdbc.sql("""
				select id, team_id, author_id, author_name, written_at, text from adherence_handover
				where (cast(? as bigint) is null or team_id = ? or team_id is null) order by written_at desc, id desc limit ?""")
			.params(team, team, Math.max(1, Math.min(limit, 100)))
			.query((rs, n) -> new Note(rs.getLong(1), (Long) rs.getObject(2), rs.getLong(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), rs.getString(6)))
			.list();
	}
}
