package org.kefu.customer;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finding duplicate customers and merging them: the duplicate's identities and tags move to the
 * customer that stays, its tickets and timeline show under that customer, and the merge is
 * recorded so that an administrator can undo it.
 */
@Service
@Transactional(readOnly = true)
public class CustomerMerges {

	private final Customers customers;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	CustomerMerges(Customers customers, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.customers = customers;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** Two customers that look like one person, and why. */
	public record Duplicate(CustomerView first, CustomerView second, String reason) {
	}

	/** Customers sharing a phone number or email address, or a name and the last digits of a phone. */
	public List<Duplicate> duplicates(int limit) {
		record Pair(long first, long second, String reason) {
		}
		List<Pair> pairs = jdbc.sql("""
				select a, b, min(reason) from (
				  select a.id a, b.id b, 'phone' reason from customer a join customer b on a.phone = b.phone and a.id < b.id
				  where a.merged_into_id is null and b.merged_into_id is null
				  union all
				  select a.id, b.id, 'email' from customer a join customer b on a.email = b.email and a.id < b.id
				  where a.merged_into_id is null and b.merged_into_id is null
				  union all
				  select a.id, b.id, 'name' from customer a join customer b
				    on a.name = b.name and right(a.phone, 4) = right(b.phone, 4) and a.phone <> b.phone and a.id < b.id
				  where a.merged_into_id is null and b.merged_into_id is null
				) d group by a, b order by a, b limit ?""")
			.param(limit)
			.query((rs, n) -> new Pair(rs.getLong(1), rs.getLong(2), rs.getString(3)))
			.list();
		var views = customers.find(pairs.stream()
			.flatMap(p -> java.util.stream.Stream.of(new CustomerId(p.first()), new CustomerId(p.second()))).toList());
		return pairs.stream()
			.map(p -> new Duplicate(views.get(new CustomerId(p.first())), views.get(new CustomerId(p.second())), p.reason()))
			.toList();
	}

	/** Merges a duplicate into the customer that stays; returns the merge's id for undoing it. */
	@Transactional
	public long merge(CustomerId duplicate, CustomerId into, Actor by) {
		if (duplicate.equals(into)) {
			throw new ConflictException("customer.merge-into-itself");
		}
		lockBoth(duplicate, into);
		requireActive(duplicate);
		requireActive(into);
		Long[] moved = jdbc.sql("""
				update customer_identity set customer_id = ? where customer_id = ? returning id""")
			.params(into.value(), duplicate.value()).query(Long.class).list().toArray(Long[]::new);
		jdbc.sql("""
				insert into customer_tag (customer_id, tag, source, created_at)
				select ?, tag, source, created_at from customer_tag where customer_id = ? on conflict do nothing""")
			.params(into.value(), duplicate.value()).update();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("update customer set merged_into_id = ?, updated_at = ? where id = ?")
			.params(into.value(), now, duplicate.value()).update();
		long merge = jdbc.sql("""
				insert into customer_merge (source_id, target_id, identity_ids, merged_at, merged_by)
				values (?, ?, ?, ?, ?) returning id""")
			.params(duplicate.value(), into.value(), moved, now, by.userId())
			.query(Long.class).single();
		events.publishEvent(new CustomersMerged(merge, duplicate, into, moved.length, false, by));
		CustomerView source = customers.get(duplicate);
		events.publishEvent(new CustomerActivity(into, now.toInstant(), "customer.merged", source.name(),
				"/customers/" + duplicate.value(), "customer"));
		return merge;
	}

	/** Undoes a merge: the duplicate is a customer of its own again, with the identities it brought. */
	@Transactional
	public CustomerId undo(long merge, Actor by) {
		record Merge(long source, long target, Long[] identities, boolean undone) {
		}
		Merge m = jdbc.sql("select source_id, target_id, identity_ids, undone_at is not null from customer_merge where id = ?")
			.param(merge)
			.query((rs, n) -> new Merge(rs.getLong(1), rs.getLong(2), (Long[]) rs.getArray(3).getArray(), rs.getBoolean(4)))
			.optional()
			.orElseThrow(() -> new NotFoundException("customer.merge-not-found", merge));
		if (m.undone()) {
			throw new ConflictException("customer.merge-undone", merge);
		}
		lockBoth(new CustomerId(m.source()), new CustomerId(m.target()));
		jdbc.sql("update customer_identity set customer_id = ? where id = any(?) and customer_id = ?")
			.params(m.source(), m.identities(), m.target()).update();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("update customer set merged_into_id = null, updated_at = ? where id = ?").params(now, m.source()).update();
		jdbc.sql("update customer_merge set undone_at = ?, undone_by = ? where id = ?").params(now, by.userId(), merge)
			.update();
		events.publishEvent(new CustomersMerged(merge, new CustomerId(m.source()), new CustomerId(m.target()),
				m.identities().length, true, by));
		events.publishEvent(new CustomerActivity(new CustomerId(m.target()), now.toInstant(), "customer.unmerged",
				customers.get(new CustomerId(m.source())).name(), "/customers/" + m.source(), "customer"));
		return new CustomerId(m.source());
	}

	private void requireActive(CustomerId id) {
		customers.get(id);
		Long mergedInto = jdbc.sql("select merged_into_id from customer where id = ?").param(id.value())
			.query((rs, n) -> (Long) rs.getObject(1)).list().get(0);
		if (mergedInto != null) {
			throw new ConflictException("customer.merged", id.value(), mergedInto).with("mergedInto", mergedInto);
		}
	}

	private void lockBoth(CustomerId a, CustomerId b) {
		long[] ids = { a.value(), b.value() };
		Arrays.sort(ids);
		jdbc.sql("select id from customer where id = any(?) order by id for update")
			.param(new Long[] { ids[0], ids[1] }).query(Long.class).list();
	}
}
