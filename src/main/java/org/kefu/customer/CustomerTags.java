package org.kefu.customer;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer tags (标签): set by people, or computed by rules from a customer's history. A rule's tag
 * follows the rule: it is added where the rule holds and taken away where it no longer does; a
 * person's tag stays until a person removes it.
 */
@Service
@Transactional(readOnly = true)
public class CustomerTags {

	private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_\\- ]{0,39}");

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	CustomerTags(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** Every tag in use, with how many customers carry it. */
	public Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		jdbc.sql("""
				select t.tag, count(*) from customer_tag t join customer c on c.id = t.customer_id
				where c.merged_into_id is null group by t.tag order by count(*) desc, t.tag""")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
		return counts;
	}

	/** The customers carrying a tag. */
	public List<CustomerId> tagged(String tag) {
		return jdbc.sql("""
				select t.customer_id from customer_tag t join customer c on c.id = t.customer_id
				where t.tag = ? and c.merged_into_id is null order by t.customer_id""")
			.param(tag).query(Long.class).list().stream().map(CustomerId::new).toList();
	}

	@Transactional
	public void add(CustomerId customer, String tag, Actor by) {
		String t = normalise(tag);
		int added = jdbc.sql("""
				insert into customer_tag (customer_id, tag, source, created_at) values (?, ?, 'manual', ?)
				on conflict (customer_id, tag) do update set source = 'manual'""")
			.params(customer.value(), t, Timestamp.from(clock.instant())).update();
		if (added > 0) {
			events.publishEvent(new CustomerChanged(customer, "tagged", Map.of(), Map.of("tag", t), by));
		}
	}

	@Transactional
	public void remove(CustomerId customer, String tag, Actor by) {
		if (jdbc.sql("delete from customer_tag where customer_id = ? and tag = ?").params(customer.value(), tag)
			.update() > 0) {
			events.publishEvent(new CustomerChanged(customer, "untagged", Map.of("tag", tag), Map.of(), by));
		}
	}

	/**
	 * Makes a rule's tag true of exactly these customers: added where missing, removed from
	 * customers who had it from the rule and no longer qualify. Returns how many gained and lost it.
	 */
	@Transactional
	public int[] applyRule(String tag, Collection<CustomerId> matching, Actor by) {
		String t = normalise(tag);
		Long[] ids = matching.stream().map(CustomerId::value).distinct().toArray(Long[]::new);
		Timestamp now = Timestamp.from(clock.instant());
		List<Long> gained = jdbc.sql("""
				insert into customer_tag (customer_id, tag, source, created_at)
				select c.id, ?, 'rule', ? from customer c where c.id = any(?) and c.merged_into_id is null
				on conflict (customer_id, tag) do nothing returning customer_id""")
			.params(t, now, ids).query(Long.class).list();
		List<Long> lost = jdbc.sql("""
				delete from customer_tag where tag = ? and source = 'rule' and not (customer_id = any(?))
				returning customer_id""")
			.params(t, ids).query(Long.class).list();
		for (Long id : gained) {
			events.publishEvent(new CustomerActivity(new CustomerId(id), now.toInstant(), "customer.tagged", t, null,
					"customer"));
		}
		return new int[] { gained.size(), lost.size() };
	}

	static String normalise(String tag) {
		String t = tag == null ? "" : tag.strip().toLowerCase();
		if (!TAG.matcher(t).matches()) {
			throw new InvalidInputException("customer.tag-invalid", tag);
		}
		return t;
	}

	/** The tags of many customers at once, for lists. */
	public Map<CustomerId, Set<String>> of(Collection<CustomerId> customers) {
		Map<CustomerId, Set<String>> tags = new LinkedHashMap<>();
		jdbc.sql("select customer_id, tag from customer_tag where customer_id = any(?) order by tag")
			.param(customers.stream().map(CustomerId::value).toArray(Long[]::new))
			.query((rs, n) -> tags.computeIfAbsent(new CustomerId(rs.getLong(1)), k -> new java.util.TreeSet<>())
				.add(rs.getString(2)))
			.list();
		return tags;
	}
}
