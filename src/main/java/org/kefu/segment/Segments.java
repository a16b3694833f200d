package org.kefu.segment;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.kefu.customer.CustomerFilter;
import org.kefu.customer.CustomerSearch;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Segments: customer filters saved under a name, counted afresh whenever they are read. */
@Service
@Transactional(readOnly = true)
public class Segments {

	private final JdbcClient jdbc;
	private final CustomerSearch search;
	private final Clock clock;

	Segments(JdbcClient jdbc, CustomerSearch search, Clock clock) {
		this.jdbc = jdbc;
		this.search = search;
		this.clock = clock;
	}

	public List<Segment> all() {
		return jdbc.sql("select id, name, query, tags, without_tags, created_at from segment order by lower(name)")
			.query((rs, n) -> segment(rs)).list();
	}

	public Segment get(long id) {
		return jdbc.sql("select id, name, query, tags, without_tags, created_at from segment where id = ?").param(id)
			.query((rs, n) -> segment(rs)).optional()
			.orElseThrow(() -> new NotFoundException("segment.not-found", id));
	}

	@Transactional
	public long save(String name, CustomerFilter filter, Actor by) {
		if (name == null || name.isBlank() || name.strip().length() > 100) {
			throw new InvalidInputException("validation.required", "name");
		}
		if (filter.isEmpty()) {
			throw new InvalidInputException("segment.filter-empty");
		}
		if (jdbc.sql("select count(*) from segment where lower(name) = lower(?)").param(name.strip())
			.query(Integer.class).single() > 0) {
			throw new ConflictException("segment.name-taken", name.strip());
		}
		return jdbc.sql("""
				insert into segment (name, query, tags, without_tags, created_by, created_at) values (?, ?, ?, ?, ?, ?)
				returning id""")
			.params(name.strip(), filter.query() == null || filter.query().isBlank() ? null : filter.query().strip(),
					filter.tags().toArray(String[]::new), filter.withoutTags().toArray(String[]::new), by.userId(), Timestamp.from(clock.instant()))
			.query(Long.class).single();
	}

	@Transactional
	public void delete(long id) {
		if (jdbc.sql("delete from segment where id = ?").param(id).update() == 0) {
			throw new NotFoundException("segment.not-found", id);
		}
	}

	private Segment segment(java.sql.ResultSet rs) throws java.sql.SQLException {
		Set<String> tags = new LinkedHashSet<>(Arrays.asList((String[]) rs.getArray(4).getArray()));
		Set<String> without = new LinkedHashSet<>(Arrays.asList((String[]) rs.getArray(5).getArray()));
		String query = rs.getString(3);
		return new Segment(rs.getLong(1), rs.getString(2), query, tags, without, rs.getTimestamp(6).toInstant(),
				search.count(new CustomerFilter(query, tags, without)));
	}
}
