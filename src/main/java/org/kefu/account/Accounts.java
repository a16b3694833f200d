package org.kefu.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kefu.customer.Customers;
import org.kefu.identity.UserId;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.shared.Actor;
import org.kefu.shared.Changes;
import org.kefu.shared.ConflictException;
import org.kefu.shared.Cursor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.shared.Slice;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account archive. Every read takes the {@link Viewer}: an account the viewer may not see is
 * not found, exactly as if it did not exist, in lists, searches, pages, the API and exports.
 */
@Service
@Transactional(readOnly = true)
public class Accounts {

	static final String VISIBLE = "(:all or exists (select 1 from account_manager m where m.account_id = a.id and m.user_id = :user))";

	private final JdbcClient jdbc;
	private final Users users;
	private final Customers customers;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final ZoneId zone;

	Accounts(JdbcClient jdbc, Users users, Customers customers, ApplicationEventPublisher events, Clock clock,
			@Value("${kefu.time-zone:Asia/Shanghai}") String zone) {
		this.jdbc = jdbc;
		this.users = users;
		this.customers = customers;
		this.events = events;
		this.clock = clock;
		this.zone = ZoneId.of(zone);
	}

	/** An account in a list: no contacts, no addresses. */
	public record AccountRow(AccountId id, String name, AccountKind kind, String industry, String status, Integer tier,
			boolean keyAccount, List<String> managers) {
	}

	// ---- reading, always as a viewer

	/** The account, if the viewer may see it; viewing is audited. */
	@Transactional
	public AccountView view(AccountId id, Viewer viewer, Actor by) {
		AccountView account = load(id, viewer);
		events.publishEvent(new AccountViewed(id, "viewed", 1, by));
		return account;
	}

	/** The account without auditing a view, for code acting on the viewer's behalf. */
	public AccountView get(AccountId id, Viewer viewer) {
		return load(id, viewer);
	}

	public boolean canSee(AccountId id, Viewer viewer) {
		return jdbc.sql("select count(*) from account a where a.id = :id and " + VISIBLE)
			.param("id", id.value()).param("all", viewer.seesAll()).param("user", viewer.userId())
			.query(Integer.class).single() > 0;
	}

	public Slice<AccountRow> list(Viewer viewer, String query, AccountKind kind, Integer tier, String cursor,
			int limit) {
		int size = Math.max(1, Math.min(limit, 200));
		StringBuilder sql = new StringBuilder("""
				select a.id, a.name, a.kind, a.industry, a.status, a.tier, a.key_account from account a where """)
			.append(VISIBLE);
		Map<String, Object> params = new HashMap<>();
		params.put("all", viewer.seesAll());
		params.put("user", viewer.userId());
		if (query != null && !query.isBlank()) {
			sql.append(" and (a.name ilike :q or a.short_name ilike :q or a.industry ilike :q)");
			params.put("q", "%" + query.strip().replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (kind != null) {
			sql.append(" and a.kind = :kind");
			params.put("kind", kind.code());
		}
		if (tier != null) {
			sql.append(" and a.tier = :tier");
			params.put("tier", tier.shortValue());
		}
		if (cursor != null) {
			Cursor after = Cursor.decode(cursor);
			sql.append(" and (a.name, a.id) > (:afterName, :afterId)");
			params.put("afterName", after.value());
			params.put("afterId", after.id());
		}
		sql.append(" order by a.name, a.id limit :limit");
		params.put("limit", size + 1);
		List<AccountRow> rows = jdbc.sql(sql.toString()).params(params)
			.query((rs, n) -> new AccountRow(new AccountId(rs.getLong(1)), rs.getString(2),
					AccountKind.ofCode(rs.getString(3)), rs.getString(4), rs.getString(5), (Integer) rs.getObject(6),
					rs.getBoolean(7), List.of()))
			.list();
		Map<Long, List<String>> managers = managerNames(rows.stream().map(r -> r.id().value()).toList());
		rows = rows.stream().map(r -> new AccountRow(r.id(), r.name(), r.kind(), r.industry(), r.status(), r.tier(),
				r.keyAccount(), managers.getOrDefault(r.id().value(), List.of()))).toList();
		if (rows.size() <= size) {
			return new Slice<>(rows, null);
		}
		AccountRow last = rows.get(size - 1);
		return new Slice<>(rows.subList(0, size), new Cursor(last.name(), last.id().value()).encode());
	}

	/** The best grade (1 is best) of the accounts the customer is an active contact of: for SLAs and routing. */
	public Integer bestTierOf(org.kefu.customer.CustomerId customer) {
		return jdbc.sql("""
				select min(a.tier) from account a join account_contact c on c.account_id = a.id
				where c.customer_id = ? and c.active""")
			.param(customer.value())
			.query((rs, n) -> (Integer) rs.getObject(1))
			.optional()
			.orElse(null);
	}

	/** The visible accounts where the customer is an active contact, key accounts first (the 360 page). */
	public List<AccountRow> ofContact(org.kefu.customer.CustomerId customer, Viewer viewer) {
		return jdbc.sql("select a.id, a.name, a.kind, a.industry, a.status, a.tier, a.key_account from account a where "
				+ VISIBLE + " and exists (select 1 from account_contact c where c.account_id = a.id"
				+ " and c.customer_id = :customer and c.active) order by a.key_account desc, a.tier nulls last, a.name")
			.param("all", viewer.seesAll()).param("user", viewer.userId()).param("customer", customer.value())
			.query((rs, n) -> new AccountRow(new AccountId(rs.getLong(1)), rs.getString(2),
					AccountKind.ofCode(rs.getString(3)), rs.getString(4), rs.getString(5), (Integer) rs.getObject(6),
					rs.getBoolean(7), List.of()))
			.list();
	}

	/** Every account the viewer may see, in full, for an export; the export is audited. */
	@Transactional
	public List<AccountView> export(Viewer viewer, Actor by) {
		List<Long> ids = jdbc.sql("select a.id from account a where " + VISIBLE + " order by a.name, a.id")
			.param("all", viewer.seesAll()).param("user", viewer.userId()).query(Long.class).list();
		List<AccountView> accounts = new ArrayList<>();
		for (Long id : ids) {
			accounts.add(load(new AccountId(id), viewer));
		}
		events.publishEvent(new AccountViewed(null, "exported", accounts.size(), by));
		return accounts;
	}

	/** The accounts a user manages or assists. */
	public List<AccountId> managedBy(UserId user) {
		return jdbc.sql("select account_id from account_manager where user_id = ? order by account_id")
			.param(user.value()).query(Long.class).list().stream().map(AccountId::new).toList();
	}

	/** The users who manage (not assist) an account, for alerts. */
	public List<UserId> managersOf(AccountId account) {
		return jdbc.sql("select user_id from account_manager where account_id = ? order by role desc, user_id")
			.param(account.value()).query(Long.class).list().stream().map(UserId::new).toList();
	}

	// ---- changing

	@Transactional
	public AccountId create(NewAccount account, Actor by) {
		String name = required(account.name(), "name", 200);
		if (account.kind() == null) {
			throw new InvalidInputException("validation.required", "kind");
		}
		if (jdbc.sql("select count(*) from account where lower(name) = lower(?)").param(name).query(Integer.class)
			.single() > 0) {
			throw new ConflictException("account.name-taken", name);
		}
		Timestamp now = Timestamp.from(clock.instant());
		long id = jdbc.sql("""
				insert into account (name, short_name, kind, industry, note, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(name, blank(account.shortName()), account.kind().code(), blank(account.industry()),
					blank(account.note()), now, now)
			.query(Long.class).single();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("name", name);
		values.put("kind", account.kind().code());
		events.publishEvent(new AccountChanged(new AccountId(id), name, "created", Map.of(), values, by));
		return new AccountId(id);
	}

	@Transactional
	public void update(AccountId id, NewAccount edit, String status, Viewer viewer, Actor by) {
		AccountView current = load(id, viewer);
		String name = required(edit.name(), "name", 200);
		if (!name.equalsIgnoreCase(current.name()) && jdbc
			.sql("select count(*) from account where lower(name) = lower(?) and id <> ?").params(name, id.value())
			.query(Integer.class).single() > 0) {
			throw new ConflictException("account.name-taken", name);
		}
		String newStatus = status == null ? current.status() : status;
		if (!Set.of("active", "inactive").contains(newStatus)) {
			throw new InvalidInputException("api.invalid-value", "status", status, "active, inactive");
		}
		Changes changes = new Changes().record("name", current.name(), name)
			.record("shortName", current.shortName(), blank(edit.shortName()))
			.record("kind", current.kind().code(), edit.kind() == null ? current.kind().code() : edit.kind().code())
			.record("industry", current.industry(), blank(edit.industry()))
			.record("note", current.note(), blank(edit.note()))
			.record("status", current.status(), newStatus);
		if (changes.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update account set name = ?, short_name = ?, kind = ?, industry = ?, note = ?, status = ?, updated_at = ?
				where id = ?""")
			.params(name, blank(edit.shortName()), (edit.kind() == null ? current.kind() : edit.kind()).code(),
					blank(edit.industry()), blank(edit.note()), newStatus, Timestamp.from(clock.instant()), id.value())
			.update();
		events.publishEvent(new AccountChanged(id, name, "updated", changes.before(), changes.after(), by));
	}

	/** The account of that name (names are unique, case aside), whoever may see it. */
	public java.util.Optional<AccountId> findByName(String name) {
		return jdbc.sql("select id from account where lower(name) = lower(?)").param(name == null ? "" : name.strip())
			.query(Long.class).optional().map(AccountId::new);
	}

	/** The customers who are active contacts of key accounts (grades 1 and 2). */
	public java.util.Set<org.kefu.customer.CustomerId> keyAccountContacts() {
		return new java.util.HashSet<>(jdbc.sql("""
				select distinct c.customer_id from account_contact c join account a on a.id = c.account_id
				where a.key_account and a.status = 'active' and c.active and c.customer_id is not null""")
			.query((rs, n) -> new org.kefu.customer.CustomerId(rs.getLong(1))).list());
	}

	/** Records the grade the account was given; grades 1 and 2 are key accounts. The grader audits it. */
	@Transactional
	public void grade(AccountId id, int tier, boolean keyAccount) {
		jdbc.sql("update account set tier = ?, key_account = ?, updated_at = ? where id = ?")
			.params(tier, keyAccount, Timestamp.from(clock.instant()), id.value()).update();
	}

	/** Sets who manages and assists the account; the users must exist and be active. */
	@Transactional
	public void assign(AccountId id, Map<UserId, String> managers, Actor by) {
		AccountView current = load(id, Viewer.system());
		for (Map.Entry<UserId, String> m : managers.entrySet()) {
			if (!Set.of("manager", "assistant").contains(m.getValue())) {
				throw new InvalidInputException("api.invalid-value", "role", m.getValue(), "manager, assistant");
			}
			if (users.find(m.getKey()).filter(UserSummary::enabled).isEmpty()) {
				throw new InvalidInputException("account.manager-unknown", m.getKey().value());
			}
		}
		Map<String, String> before = new java.util.TreeMap<>();
		current.managers().forEach(m -> before.put(m.username(), m.role()));
		jdbc.sql("delete from account_manager where account_id = ?").param(id.value()).update();
		Map<String, String> after = new java.util.TreeMap<>();
		for (Map.Entry<UserId, String> m : managers.entrySet()) {
			jdbc.sql("insert into account_manager (account_id, user_id, role) values (?, ?, ?)")
				.params(id.value(), m.getKey().value(), m.getValue()).update();
			after.put(users.find(m.getKey()).orElseThrow().username(), m.getValue());
		}
		if (!before.equals(after)) {
			events.publishEvent(new AccountChanged(id, current.name(), "managers_changed", Map.of("managers", before),
					Map.of("managers", after), by));
		}
	}

	// ---- inside

	AccountView load(AccountId id, Viewer viewer) {
		record Row(long id, String name, String shortName, String kind, String industry, String status, Integer tier,
				boolean key, String note, Instant created) {
		}
		Row row = jdbc.sql("""
				select a.id, a.name, a.short_name, a.kind, a.industry, a.status, a.tier, a.key_account, a.note,
				       a.created_at from account a where a.id = :id and """ + VISIBLE)
			.param("id", id.value()).param("all", viewer.seesAll()).param("user", viewer.userId())
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6), (Integer) rs.getObject(7), rs.getBoolean(8), rs.getString(9),
					rs.getTimestamp(10).toInstant()))
			.optional()
			.orElseThrow(() -> new NotFoundException("account.not-found", id.value()));
		List<AccountView.Manager> managers = new ArrayList<>();
		jdbc.sql("select user_id, role from account_manager where account_id = ? order by role desc, user_id")
			.param(id.value())
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list()
			.forEach(e -> users.find(new UserId(e.getKey())).ifPresent(u -> managers
				.add(new AccountView.Manager(u.id().value(), u.username(), u.displayName(), e.getValue()))));
		List<AccountView.Contact> contacts = jdbc.sql("""
				select id, name, role, phone, email, customer_id, active from account_contact where account_id = ?
				order by active desc, id""")
			.param(id.value())
			.query((rs, n) -> new AccountView.Contact(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), (Long) rs.getObject(6), rs.getBoolean(7)))
			.list();
		List<AccountView.Address> addresses = jdbc.sql("""
				select id, party, name, address, contact_name, phone, active from account_address where account_id = ?
				order by active desc, party, id""")
			.param(id.value())
			.query((rs, n) -> new AccountView.Address(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getBoolean(7)))
			.list();
		return new AccountView(new AccountId(row.id()), row.name(), row.shortName(), AccountKind.ofCode(row.kind()),
				row.industry(), row.status(), row.tier(), row.key(), row.note(), row.created(), managers, contacts,
				addresses).maskedUnless(viewer.revealContacts());
	}

	private Map<Long, List<String>> managerNames(List<Long> accounts) {
		Map<Long, List<String>> names = new HashMap<>();
		if (accounts.isEmpty()) {
			return names;
		}
		jdbc.sql("select account_id, user_id from account_manager where account_id = any(?) order by role desc")
			.param(accounts.toArray(Long[]::new))
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2))).list()
			.forEach(e -> users.find(new UserId(e.getValue())).ifPresent(u -> names
				.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(u.displayName())));
		return names;
	}

	static String required(String value, String field, int max) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("validation.required", field);
		}
		String v = value.strip();
		if (v.length() > max) {
			throw new InvalidInputException("validation.too-long", field, max);
		}
		return v;
	}

	static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
