package org.kefu.growth;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.kefu.account.AccountId;
import org.kefu.account.AccountView;
import org.kefu.account.Accounts;
import org.kefu.account.Viewer;
import org.kefu.identity.Permission;
import org.kefu.identity.UserId;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.notification.Notifications;
import org.kefu.shared.Actor;
import org.kefu.shared.Amounts;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * New business with existing accounts: lines proposed by the account's people and approved by the
 * department head, monthly revenue, and targets. A line's revenue is new business from its start
 * to the end of the year it counts for; after that it is existing business.
 */
@Service
@Transactional(readOnly = true)
public class Growth {

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final Users users;
	private final Notifications notifications;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final ZoneId zone;

	Growth(JdbcClient jdbc, Accounts accounts, Users users, Notifications notifications,
			ApplicationEventPublisher events, Clock clock, @Value("${kefu.time-zone:Asia/Shanghai}") String zone) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.users = users;
		this.notifications = notifications;
		this.events = events;
		this.clock = clock;
		this.zone = ZoneId.of(zone);
	}

	/** A business line as proposed. */
	public record NewLine(String name, String description, BigDecimal expectedMonthlyRevenue, LocalDate startsOn) {
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(zone));
	}

	// ---- business lines

	@Transactional
	public long propose(AccountId account, NewLine line, Viewer viewer, Actor by) {
		AccountView a = accounts.get(account, viewer);
		if (line.name() == null || line.name().isBlank()) {
			throw new InvalidInputException("validation.required", "name");
		}
		if (line.startsOn() == null) {
			throw new InvalidInputException("validation.required", "startsOn");
		}
		if (line.expectedMonthlyRevenue() != null && line.expectedMonthlyRevenue().signum() < 0) {
			throw new InvalidInputException("growth.revenue-invalid", line.expectedMonthlyRevenue());
		}
		long owner = by.isSystem() ? a.managers().stream().findFirst().map(AccountView.Manager::userId).orElse(0L)
				: by.userId();
		long id = jdbc.sql("""
				insert into business_line (account_id, name, description, expected_monthly_revenue, starts_on,
				                           counts_for, owner_id, proposed_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(account.value(), line.name().strip(), blank(line.description()), line.expectedMonthlyRevenue(),
					Date.valueOf(line.startsOn()), BusinessLine.countsFor(line.startsOn()), owner,
					Timestamp.from(clock.instant()))
			.query(Long.class).single();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("account", a.name());
		after.put("name", line.name().strip());
		after.put("startsOn", line.startsOn().toString());
		events.publishEvent(new BusinessLineDecided(id, account, line.name().strip(), "proposed", after, by));
		notifications.notify(users.withPermission(Permission.GROWTH_APPROVE).stream().map(u -> u.id().value())
			.filter(u -> u != owner).toList(), "growth.proposed", List.of(a.name(), line.name().strip()),
				"/growth");
		return id;
	}

	/** Approves or rejects a proposed line; a decided line cannot be decided again. */
	@Transactional
	public void decide(long lineId, boolean approve, String note, Viewer viewer, Actor by) {
		BusinessLine line = line(lineId, viewer);
		int changed = jdbc.sql("""
				update business_line set status = ?, decided_by = ?, decided_at = ?, decision_note = ?
				where id = ? and status = 'proposed'""")
			.params(approve ? "approved" : "rejected", by.userId(), Timestamp.from(clock.instant()), blank(note), lineId)
			.update();
		if (changed == 0) {
			throw new ConflictException("growth.already-decided", line.name(), line.status());
		}
		String action = approve ? "approved" : "rejected";
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("status", action);
		if (blank(note) != null) {
			after.put("note", note.strip());
		}
		events.publishEvent(new BusinessLineDecided(lineId, line.account(), line.name(), action, after, by));
		notifications.notify(List.of(line.ownerId()), "growth." + action, List.of(line.accountName(), line.name()),
				"/accounts/" + line.account().value());
	}

	public BusinessLine line(long id, Viewer viewer) {
		BusinessLine line = jdbc.sql(SELECT + " where l.id = ?").param(id).query(this::map).optional()
			.orElseThrow(() -> new NotFoundException("growth.line-not-found", id));
		if (!accounts.canSee(line.account(), viewer)) {
			throw new NotFoundException("growth.line-not-found", id);
		}
		return line;
	}

	public List<BusinessLine> lines(AccountId account, Viewer viewer) {
		accounts.get(account, viewer);
		return jdbc.sql(SELECT + " where l.account_id = ? order by l.starts_on desc, l.id desc").param(account.value())
			.query(this::map).list();
	}

	/** Lines waiting for a decision, of the accounts the viewer may see, oldest first. */
	public List<BusinessLine> proposed(Viewer viewer) {
		return jdbc.sql(SELECT + " where l.status = 'proposed' order by l.proposed_at, l.id").query(this::map).list()
			.stream().filter(l -> accounts.canSee(l.account(), viewer)).toList();
	}

	// ---- monthly figures

	/** Records a month's revenue of the account's existing business and of its approved lines. */
	@Transactional
	public void recordMonth(AccountId account, YearMonth month, BigDecimal existing, Map<Long, BigDecimal> lines,
			Viewer viewer, Actor by) {
		accounts.get(account, viewer);
		if (month.isAfter(YearMonth.from(today()))) {
			throw new InvalidInputException("growth.month-future", month.toString());
		}
		Timestamp now = Timestamp.from(clock.instant());
		if (existing != null) {
			check(existing);
			jdbc.sql("""
					insert into account_month (account_id, month, revenue, recorded_at) values (?, ?, ?, ?)
					on conflict (account_id, month) do update set revenue = excluded.revenue, recorded_at = excluded.recorded_at""")
				.params(account.value(), month.toString(), existing, now).update();
		}
		for (Map.Entry<Long, BigDecimal> e : lines.entrySet()) {
			if (e.getValue() == null) {
				continue;
			}
			check(e.getValue());
			BusinessLine line = line(e.getKey(), viewer);
			if (!line.account().equals(account) || !line.status().equals("approved")) {
				throw new InvalidInputException("growth.line-not-approved", line.name());
			}
			jdbc.sql("""
					insert into business_line_month (business_line_id, month, revenue, recorded_at) values (?, ?, ?, ?)
					on conflict (business_line_id, month) do update set revenue = excluded.revenue,
					  recorded_at = excluded.recorded_at""")
				.params(e.getKey(), month.toString(), e.getValue(), now).update();
		}
	}

	/** The account's monthly figures, newest month first. */
	public List<MonthFigures> months(AccountId account, Viewer viewer) {
		accounts.get(account, viewer);
		TreeMap<String, BigDecimal> existing = new TreeMap<>();
		jdbc.sql("select month, revenue from account_month where account_id = ?").param(account.value())
			.query((rs, n) -> existing.put(rs.getString(1), Amounts.plain(rs.getBigDecimal(2)))).list();
		TreeMap<String, Map<Long, BigDecimal>> lines = new TreeMap<>();
		jdbc.sql("""
				select m.month, m.business_line_id, m.revenue from business_line_month m
				join business_line l on l.id = m.business_line_id where l.account_id = ?""")
			.param(account.value())
			.query((rs, n) -> lines.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
				.put(rs.getLong(2), Amounts.plain(rs.getBigDecimal(3))))
			.list();
		TreeMap<String, MonthFigures> out = new TreeMap<>(java.util.Comparator.reverseOrder());
		for (String m : existing.keySet()) {
			out.put(m, new MonthFigures(m, existing.get(m), lines.getOrDefault(m, Map.of())));
		}
		for (String m : lines.keySet()) {
			out.putIfAbsent(m, new MonthFigures(m, null, lines.get(m)));
		}
		return new ArrayList<>(out.values()).subList(0, Math.min(out.size(), 24));
	}

	// ---- targets and progress

	@Transactional
	public void setTarget(UserId manager, int year, BigDecimal target, Actor by) {
		users.find(manager).orElseThrow(() -> new NotFoundException("account.manager-unknown", manager.value()));
		if (target == null || target.signum() < 0) {
			throw new InvalidInputException("growth.revenue-invalid", target);
		}
		if (year < 2000 || year > 2100) {
			throw new InvalidInputException("growth.year-invalid", year);
		}
		jdbc.sql("""
				insert into growth_target (user_id, year, target, set_by, set_at) values (?, ?, ?, ?, ?)
				on conflict (user_id, year) do update set target = excluded.target, set_by = excluded.set_by,
				  set_at = excluded.set_at""")
			.params(manager.value(), year, target, by.userId(), Timestamp.from(clock.instant())).update();
	}

	/**
	 * Each manager's new-business revenue in the year against their target: everyone's for a viewer
	 * who sees all accounts, otherwise the viewer's own.
	 */
	public List<Progress> progress(int year, Viewer viewer) {
		String yearEnd = year + "-12";
		Map<Long, BigDecimal> targets = new LinkedHashMap<>();
		jdbc.sql("select user_id, target from growth_target where year = ?").param(year)
			.query((rs, n) -> targets.put(rs.getLong(1), Amounts.plain(rs.getBigDecimal(2)))).list();
		record Row(long user, BigDecimal achieved, int approved, int proposed) {
		}
		Map<Long, Row> rows = new LinkedHashMap<>();
		jdbc.sql("""
				select l.owner_id,
				       coalesce(sum(m.revenue) filter (where l.status = 'approved' and m.month <= ?), 0),
				       count(distinct l.id) filter (where l.status = 'approved'),
				       count(distinct l.id) filter (where l.status = 'proposed')
				from business_line l left join business_line_month m on m.business_line_id = l.id
				where l.counts_for = ? group by l.owner_id""")
			.params(yearEnd, year)
			.query((rs, n) -> rows.put(rs.getLong(1), new Row(rs.getLong(1), Amounts.plain(rs.getBigDecimal(2)),
					rs.getInt(3), rs.getInt(4))))
			.list();
		java.util.Set<Long> people = new java.util.LinkedHashSet<>(targets.keySet());
		people.addAll(rows.keySet());
		List<Progress> out = new ArrayList<>();
		Map<UserId, UserSummary> names = users.find(people.stream().map(UserId::new).toList());
		for (Long user : people) {
			if (!viewer.seesAll() && user != viewer.userId()) {
				continue;
			}
			Row row = rows.getOrDefault(user, new Row(user, BigDecimal.ZERO, 0, 0));
			UserSummary who = names.get(new UserId(user));
			out.add(new Progress(user, who == null ? "#" + user : who.displayName(), year, targets.get(user),
					row.achieved(), row.approved(), row.proposed()));
		}
		out.sort(java.util.Comparator.comparing(Progress::manager));
		return out;
	}

	// ----

	private static final String SELECT = """
			select l.id, l.account_id, a.name, l.name, l.description, l.expected_monthly_revenue, l.starts_on, l.owner_id,
			       l.status, l.proposed_at, l.decided_by, l.decided_at, l.decision_note, l.counts_for
			from business_line l join account a on a.id = l.account_id""";

	private BusinessLine map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		BigDecimal expected = rs.getBigDecimal(6);
		Timestamp decided = rs.getTimestamp(12);
		return new BusinessLine(rs.getLong(1), new AccountId(rs.getLong(2)), rs.getString(3), rs.getString(4),
				rs.getString(5), Amounts.plain(expected), rs.getDate(7).toLocalDate(),
				rs.getLong(8), name(rs.getLong(8)), rs.getString(9), rs.getTimestamp(10).toInstant(),
				rs.getObject(11) == null ? null : name(rs.getLong(11)), decided == null ? null : decided.toInstant(),
				rs.getString(13), rs.getInt(14));
	}

	private String name(long user) {
		return user == 0 ? "system" : users.find(new UserId(user)).map(UserSummary::displayName).orElse("#" + user);
	}

	private static void check(BigDecimal revenue) {
		if (revenue.signum() < 0) {
			throw new InvalidInputException("growth.revenue-invalid", revenue);
		}
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
