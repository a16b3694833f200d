package org.kefu.customer;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.kefu.shared.Actor;
import org.kefu.shared.Changes;
import org.kefu.shared.ConflictException;
import org.kefu.shared.EmailAddress;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.shared.PhoneNumber;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer archive's people: who they are and every way they reach the center. Any identity —
 * a phone number, an email address, a chat visitor id, an IM id — finds the same customer, so a
 * customer who calls, then writes, then chats has one history. An identity belongs to one
 * customer only.
 */
@Service
@Transactional(readOnly = true)
public class Customers {

	static final int MAX_IDENTITY = 254;

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Customers(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	// ---- reading

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
		Map<CustomerId, CustomerView> found = new HashMap<>();
		jdbc.sql("select id, name, email, phone, created_at from customer where id = any(?)")
			.param(ids.stream().map(CustomerId::value).distinct().toArray(Long[]::new))
			.query((rs, n) -> new CustomerView(new CustomerId(rs.getLong(1)), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list()
			.forEach(c -> found.put(c.id(), c));
		return found;
	}

	/** The customer an identity belongs to (after any merge, the customer it was merged into). */
	public Optional<CustomerView> findByIdentity(IdentityType type, String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		List<IdentityType> types = type != null ? List.of(type) : guess(value);
		for (IdentityType t : types) {
			String normalised;
			try {
				normalised = normalise(t, value);
			}
			catch (InvalidInputException e) {
				continue;
			}
			Optional<Long> owner = owner(t, normalised);
			if (owner.isPresent()) {
				return find(new CustomerId(owner.get()));
			}
		}
		return Optional.empty();
	}

	public CustomerProfile profile(CustomerId id) {
		CustomerView customer = get(id);
		record Extra(String note, Long mergedInto) {
		}
		Extra extra = jdbc.sql("select note, merged_into_id from customer where id = ?").param(id.value())
			.query((rs, n) -> new Extra(rs.getString(1), (Long) rs.getObject(2))).single();
		List<CustomerProfile.Tag> tags = jdbc.sql("""
				select tag, source, created_at from customer_tag where customer_id = ? order by tag""")
			.param(id.value())
			.query((rs, n) -> new CustomerProfile.Tag(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
		List<CustomerProfile.Merge> merges = jdbc.sql("""
				select m.id, m.source_id, c.name, m.merged_at, cardinality(m.identity_ids) from customer_merge m
				join customer c on c.id = m.source_id where m.target_id = ? and m.undone_at is null
				order by m.merged_at desc""")
			.param(id.value())
			.query((rs, n) -> new CustomerProfile.Merge(rs.getLong(1), new CustomerId(rs.getLong(2)), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getInt(5)))
			.list();
		return new CustomerProfile(customer, extra.note(), identities(id), tags,
				extra.mergedInto() == null ? null : new CustomerId(extra.mergedInto()), merges);
	}

	public List<Identity> identities(CustomerId id) {
		return jdbc.sql("select id, type, value, created_at from customer_identity where customer_id = ? order by id")
			.param(id.value())
			.query((rs, n) -> new Identity(rs.getLong(1), IdentityType.ofCode(rs.getString(2)), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	/**
	 * The customer and every customer merged into them: one person's whole history, for the
	 * tickets and timeline of the 360 page.
	 */
	public Set<CustomerId> history(CustomerId id) {
		Set<CustomerId> ids = new LinkedHashSet<>();
		jdbc.sql("""
				with recursive h(id) as (select ?::bigint union
				  select c.id from customer c join h on c.merged_into_id = h.id)
				select id from h""")
			.param(id.value())
			.query(Long.class).list()
			.forEach(v -> ids.add(new CustomerId(v)));
		return ids;
	}


	// ---- recognising and recording

	/**
	 * The customer these details belong to: the one with this email address, else the one with this
	 * phone number, else a new customer. A found customer is given the other detail too when nobody
	 * has it yet. Concurrent contacts from one new address make one customer.
	 */
	@Transactional
	public CustomerId identify(ContactDetails details, Actor by) {
		EmailAddress email = EmailAddress.of(details.email());
		PhoneNumber phone = PhoneNumber.of(details.phone());
		List<NewIdentity> given = new ArrayList<>();
		if (email != null) {
			given.add(new NewIdentity(IdentityType.EMAIL, email.value()));
		}
		if (phone != null) {
			given.add(new NewIdentity(IdentityType.PHONE, phone.value()));
		}
		return identify(given, details.name(), by);
	}

	/** The customer with this chat visitor id or IM id, or a new one with it. */
	@Transactional
	public CustomerId identify(IdentityType type, String value, String name, Actor by) {
		return identify(List.of(new NewIdentity(type, value)), name, by);
	}

	private CustomerId identify(List<NewIdentity> given, String name, Actor by) {
		List<NewIdentity> normalised = normalise(given);
		for (NewIdentity identity : normalised) {
			lock(identity);
		}
		for (NewIdentity identity : normalised) {
			Optional<Long> owner = owner(identity.type(), identity.value());
			if (owner.isPresent()) {
				CustomerId found = new CustomerId(owner.get());
				for (NewIdentity other : normalised) {
					if (owner(other.type(), other.value()).isEmpty()) {
						attach(found, other, by);
					}
				}
				return found;
			}
		}
		return create(name, null, normalised, by);
	}

	/** A new customer with the given identities; an identity someone already has is refused, naming them. */
	@Transactional
	public CustomerId create(NewCustomer customer, Actor by) {
		List<NewIdentity> normalised = normalise(customer.identities());
		for (NewIdentity identity : normalised) {
			lock(identity);
			refuseIfTaken(identity);
		}
		return create(customer.name(), customer.note(), normalised, by);
	}

	@Transactional
	public CustomerId create(ContactDetails details, Actor by) {
		List<NewIdentity> identities = new ArrayList<>();
		if (details.email() != null && !details.email().isBlank()) {
			identities.add(new NewIdentity(IdentityType.EMAIL, details.email()));
		}
		if (details.phone() != null && !details.phone().isBlank()) {
			identities.add(new NewIdentity(IdentityType.PHONE, details.phone()));
		}
		return create(new NewCustomer(details.name(), null, identities), by);
	}

	@Transactional
	public Identity addIdentity(CustomerId id, NewIdentity identity, Actor by) {
		requireActive(id);
		NewIdentity normalised = normalise(List.of(identity)).get(0);
		lock(normalised);
		Optional<Long> owner = owner(normalised.type(), normalised.value());
		if (owner.isPresent() && owner.get() == id.value()) {
			return identities(id).stream().filter(i -> i.type() == normalised.type()
					&& i.value().equals(normalised.value())).findFirst().orElseThrow();
		}
		refuseIfTaken(normalised);
		long identityId = attach(id, normalised, by);
		return identities(id).stream().filter(i -> i.id() == identityId).findFirst().orElseThrow();
	}

	@Transactional
	public void removeIdentity(CustomerId id, long identityId, Actor by) {
		Identity identity = identities(id).stream().filter(i -> i.id() == identityId).findFirst()
			.orElseThrow(() -> new NotFoundException("customer.identity-not-found", identityId));
		jdbc.sql("delete from customer_identity where id = ?").param(identityId).update();
		if (identity.type() == IdentityType.EMAIL) {
			jdbc.sql("update customer set email = null where id = ? and email = ?").params(id.value(), identity.value())
				.update();
		}
		if (identity.type() == IdentityType.PHONE) {
			jdbc.sql("update customer set phone = null where id = ? and phone = ?").params(id.value(), identity.value())
				.update();
		}
		events.publishEvent(new CustomerChanged(id, "identity_removed",
				Map.of(identity.type().code(), identity.value()), Map.of(), by));
	}

	/** Changes a customer's name, note and main email and phone (new ones become identities too). */
	@Transactional
	public void update(CustomerId id, ContactDetails details, String note, Actor by) {
		CustomerView current = requireActive(id);
		String name = name(details.name());
		EmailAddress email = EmailAddress.of(details.email());
		PhoneNumber phone = PhoneNumber.of(details.phone());
		String oldNote = jdbc.sql("select note from customer where id = ?").param(id.value()).query(String.class)
			.optional().orElse(null);
		String newNote = note == null ? oldNote : note.isBlank() ? null : note.strip();
		if (newNote != null && newNote.length() > 2000) {
			throw new InvalidInputException("validation.too-long", "note", 2000);
		}
		for (NewIdentity identity : List.of(
				new NewIdentity(IdentityType.EMAIL, email == null ? null : email.value()),
				new NewIdentity(IdentityType.PHONE, phone == null ? null : phone.value()))) {
			if (identity.value() != null) {
				lock(identity);
				Optional<Long> owner = owner(identity.type(), identity.value());
				if (owner.isEmpty()) {
					attach(id, identity, by);
				}
				else if (owner.get() != id.value()) {
					refuseIfTaken(identity);
				}
			}
		}
		Changes changes = new Changes().record("name", current.name(), name)
			.record("email", current.email(), email == null ? null : email.value())
			.record("phone", current.phone(), phone == null ? null : phone.value())
			.record("note", oldNote, newNote);
		if (changes.isEmpty()) {
			return;
		}
		jdbc.sql("update customer set name = ?, email = ?, phone = ?, note = ?, updated_at = ? where id = ?")
			.params(name, email == null ? null : email.value(), phone == null ? null : phone.value(), newNote,
					Timestamp.from(clock.instant()), id.value())
			.update();
		events.publishEvent(new CustomerChanged(id, "updated", changes.before(), changes.after(), by));
	}

	@Transactional
	public void update(CustomerId id, ContactDetails details, Actor by) {
		update(id, details, null, by);
	}

	// ---- inside

	private CustomerId create(String rawName, String note, List<NewIdentity> identities, Actor by) {
		String email = identities.stream().filter(i -> i.type() == IdentityType.EMAIL).map(NewIdentity::value)
			.findFirst().orElse(null);
		String phone = identities.stream().filter(i -> i.type() == IdentityType.PHONE).map(NewIdentity::value)
			.findFirst().orElse(null);
		String fallback = email != null ? email : phone != null ? phone
				: identities.isEmpty() ? null : identities.get(0).value();
		String name = name(rawName == null || rawName.isBlank() ? fallback : rawName);
		Timestamp now = Timestamp.from(clock.instant());
		CustomerId id = new CustomerId(jdbc.sql("""
				insert into customer (id, name, email, phone, note, created_at, updated_at)
				values (nextval('customer_id_seq'), ?, ?, ?, ?, ?, ?) returning id""")
			.params(name, email, phone, note == null || note.isBlank() ? null : note.strip(), now, now)
			.query(Long.class).single());
		for (NewIdentity identity : identities) {
			insertIdentity(id, identity, now);
		}
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("name", name);
		identities.forEach(i -> values.merge(i.type().code(), i.value(), (a, b) -> a + ", " + b));
		events.publishEvent(new CustomerChanged(id, "created", Map.of(), values, by));
		events.publishEvent(new CustomerActivity(id, now.toInstant(), "customer.created", name, null, "customer"));
		return id;
	}

	private long attach(CustomerId id, NewIdentity identity, Actor by) {
		Timestamp now = Timestamp.from(clock.instant());
		long identityId = insertIdentity(id, identity, now);
		if (identity.type() == IdentityType.EMAIL) {
			jdbc.sql("update customer set email = coalesce(email, ?) where id = ?").params(identity.value(), id.value())
				.update();
		}
		if (identity.type() == IdentityType.PHONE) {
			jdbc.sql("update customer set phone = coalesce(phone, ?) where id = ?").params(identity.value(), id.value())
				.update();
		}
		events.publishEvent(new CustomerChanged(id, "identity_added", Map.of(),
				Map.of(identity.type().code(), identity.value()), by));
		events.publishEvent(new CustomerActivity(id, now.toInstant(), "customer.identity_added",
				identity.type().code() + ": " + (identity.type().isContactDetail() ? "" : identity.value()), null,
				"customer"));
		return identityId;
	}

	private long insertIdentity(CustomerId id, NewIdentity identity, Timestamp now) {
		return jdbc.sql("""
				insert into customer_identity (customer_id, type, value, created_at) values (?, ?, ?, ?) returning id""")
			.params(id.value(), identity.type().code(), identity.value(), now)
			.query(Long.class).single();
	}

	private void refuseIfTaken(NewIdentity identity) {
		Optional<Long> owner = owner(identity.type(), identity.value());
		if (owner.isPresent()) {
			throw new ConflictException("customer.identity-taken", identity.type().code(), owner.get())
				.with("existingCustomer", owner.get());
		}
	}

	private Optional<Long> owner(IdentityType type, String value) {
		return jdbc.sql("""
				select coalesce(c.merged_into_id, c.id) from customer_identity i join customer c on c.id = i.customer_id
				where i.type = ? and i.value = ?""")
			.params(type.code(), value)
			.query(Long.class).optional();
	}

	private CustomerView requireActive(CustomerId id) {
		CustomerView customer = get(id);
		Long mergedInto = jdbc.sql("select merged_into_id from customer where id = ?").param(id.value())
			.query((rs, n) -> (Long) rs.getObject(1)).list().get(0);
		if (mergedInto != null) {
			throw new ConflictException("customer.merged", id.value(), mergedInto).with("mergedInto", mergedInto);
		}
		return customer;
	}

	private void lock(NewIdentity identity) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
			.param(identity.type().code() + ":" + identity.value()).query(Object.class).single();
	}

	private static List<NewIdentity> normalise(List<NewIdentity> given) {
		List<NewIdentity> out = new ArrayList<>();
		for (NewIdentity identity : given == null ? List.<NewIdentity>of() : given) {
			if (identity == null || identity.type() == null) {
				throw new InvalidInputException("customer.identity-type-missing");
			}
			String value = normalise(identity.type(), identity.value());
			NewIdentity n = new NewIdentity(identity.type(), value);
			if (!out.contains(n)) {
				out.add(n);
			}
		}
		return out;
	}

	static String normalise(IdentityType type, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("validation.required", type.code());
		}
		String v = switch (type) {
			case PHONE -> PhoneNumber.of(value).value();
			case EMAIL -> EmailAddress.of(value).value();
			case CHAT, IM -> value.strip();
		};
		if (v.length() > MAX_IDENTITY) {
			throw new InvalidInputException("validation.too-long", type.code(), MAX_IDENTITY);
		}
		return v;
	}

	private static List<IdentityType> guess(String value) {
		if (value.contains("@")) {
			return List.of(IdentityType.EMAIL, IdentityType.IM, IdentityType.CHAT);
		}
		return List.of(IdentityType.PHONE, IdentityType.CHAT, IdentityType.IM);
	}

	static String name(String name) {
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("customer.name-required");
		}
		String trimmed = name.strip();
		if (trimmed.length() > 200) {
			throw new InvalidInputException("validation.too-long", "name", 200);
		}
		return trimmed;
	}
}
