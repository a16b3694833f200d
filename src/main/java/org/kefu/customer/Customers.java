package org.kefu.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.kefu.shared.Actor;
import org.kefu.shared.Changes;
import org.kefu.shared.Cursor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.shared.Slice;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customers of the center. A contact is matched to an existing customer by email address,
 * then by phone number, so that a customer who writes again is the same customer.
 */
@Service
@Transactional(readOnly = true)
public class Customers {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
	private static final Pattern PHONE_NOISE = Pattern.compile("[\\s\\-().]");
	private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");

	private final CustomerRepository customers;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Customers(CustomerRepository customers, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.customers = customers;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	public Optional<CustomerView> find(CustomerId id) {
		return Optional.ofNullable(find(List.of(id)).get(id));
	}

	public CustomerView get(CustomerId id) {
		return find(id).orElseThrow(() -> new NotFoundException("customer.not-found", id.value()));
	}

	public Map<CustomerId, CustomerView> find(Collection<CustomerId> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("select id, name, email, phone, created_at from customer where id = any(?)")
			.param(ids.stream().map(CustomerId::value).distinct().toArray(Long[]::new))
			.query((rs, n) -> new CustomerView(new CustomerId(rs.getLong(1)), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list().stream()
			.collect(Collectors.toMap(CustomerView::id, Function.identity()));
	}

	/**
	 * The customer these details belong to: the one with this email address, else the one with this
	 * phone number, else a new customer. Concurrent contacts from one new address make one customer.
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public CustomerId identify(ContactDetails details, Actor by) {
		String email = email(details.email());
		String phone = phone(details.phone());
		if (email != null) {
			lock("email:" + email.toLowerCase());
			Optional<Long> found = jdbc.sql("select id from customer where lower(email) = lower(?) order by id limit 1")
				.param(email).query(Long.class).optional();
			if (found.isPresent()) {
				return new CustomerId(found.get());
			}
		}
		if (phone != null) {
			lock("phone:" + phone);
			Optional<Long> found = jdbc.sql("select id from customer where phone = ? order by id limit 1")
				.param(phone).query(Long.class).optional();
			if (found.isPresent()) {
				return new CustomerId(found.get());
			}
		}
		return create(details.name(), email, phone, by);
	}

	@Transactional
	public CustomerId create(ContactDetails details, Actor by) {
		return create(details.name(), email(details.email()), phone(details.phone()), by);
	}

	@Transactional
	public void update(CustomerId id, ContactDetails details, Actor by) {
		Customer customer = customers.findById(id.value())
			.orElseThrow(() -> new NotFoundException("customer.not-found", id.value()));
		String name = name(details.name());
		String email = email(details.email());
		String phone = phone(details.phone());
		Changes changes = new Changes().record("name", customer.name(), name)
			.record("email", customer.email(), email)
			.record("phone", customer.phone(), phone);
		if (changes.isEmpty()) {
			return;
		}
		customer.describe(name, email, phone, clock.instant());
		events.publishEvent(new CustomerChanged(id, "updated", changes.before(), changes.after(), by));
	}

	/**
	 * Customers by name, email or phone, newest first, a page at a time.
	 *
	 * @param query  words to look for, or blank for all
	 * @param cursor the cursor of the page before, or {@code null}
	 */
	public Slice<CustomerView> list(String query, String cursor, int limit) {
		int size = Math.max(1, Math.min(limit, 100));
		StringBuilder sql = new StringBuilder(
				"select id, name, email, phone, created_at from customer where true");
		Map<String, Object> params = new LinkedHashMap<>();
		if (query != null && !query.isBlank()) {
			String q = query.trim();
			sql.append(" and (name ilike :like or lower(email) like lower(:prefix) or phone like :prefix)");
			params.put("like", "%" + escapeLike(q) + "%");
			params.put("prefix", escapeLike(q) + "%");
		}
		if (cursor != null) {
			Cursor after = Cursor.decode(cursor);
			sql.append(" and (created_at, id) < (:afterAt, :afterId)");
			params.put("afterAt", java.sql.Timestamp.from(instant(after.value())));
			params.put("afterId", after.id());
		}
		sql.append(" order by created_at desc, id desc limit :limit");
		params.put("limit", size + 1);
		List<CustomerView> rows = jdbc.sql(sql.toString()).params(params)
			.query((rs, n) -> new CustomerView(new CustomerId(rs.getLong(1)), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
		if (rows.size() <= size) {
			return new Slice<>(rows, null);
		}
		CustomerView last = rows.get(size - 1);
		return new Slice<>(rows.subList(0, size), new Cursor(last.createdAt().toString(), last.id().value()).encode());
	}

	public long count() {
		return customers.count();
	}

	private CustomerId create(String rawName, String email, String phone, Actor by) {
		String name = rawName == null || rawName.isBlank()
				? (email != null ? email : phone != null ? phone : null) : rawName;
		String checked = name(name);
		java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
		CustomerId id = new CustomerId(jdbc.sql("""
				insert into customer (id, name, email, phone, created_at, updated_at)
				values (nextval('customer_id_seq'), ?, ?, ?, ?, ?) returning id""")
			.params(checked, email, phone, now, now).query(Long.class).single());
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("name", checked);
		values.put("email", email);
		values.put("phone", phone);
		events.publishEvent(new CustomerChanged(id, "created", Map.of(), values, by));
		return id;
	}

	private void lock(String key) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(key).query(Object.class).single();
	}

	private static String name(String name) {
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("customer.name-required");
		}
		String trimmed = name.trim();
		if (trimmed.length() > 200) {
			throw new InvalidInputException("validation.too-long", "name", 200);
		}
		return trimmed;
	}

	static String email(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String email = value.trim();
		if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
			throw new InvalidInputException("validation.email", email);
		}
		return email;
	}

	/** Phone numbers are kept as digits (with a leading + for international ones), so that they match however written. */
	static String phone(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String phone = PHONE_NOISE.matcher(value.trim()).replaceAll("");
		if (!PHONE.matcher(phone).matches()) {
			throw new InvalidInputException("customer.phone-invalid", value.trim());
		}
		if (phone.startsWith("+86")) {
			phone = phone.substring(3);
		}
		return phone;
	}

	private static String escapeLike(String s) {
		return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static Instant instant(String value) {
		try {
			return Instant.parse(value);
		}
		catch (RuntimeException e) {
			throw new InvalidInputException("api.cursor-invalid");
		}
	}
}
