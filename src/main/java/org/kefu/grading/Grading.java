package org.kefu.grading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kefu.account.AccountId;
import org.kefu.account.Accounts;
import org.kefu.account.Viewer;
import org.kefu.identity.UserId;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.notification.Notifications;
import org.kefu.shared.Actor;
import org.kefu.shared.Amounts;
import org.kefu.shared.InvalidInputException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grades business accounts. Each criterion gives an account points by its rank among the accounts
 * with figures for the quarter (the best 100, the worst 0, ties share), the weighted points make
 * the score, and the policy's thresholds turn the score into a grade. A quarter is graded as a
 * whole, so that every account is ranked against the same others.
 */
@Service
@Transactional(readOnly = true)
public class Grading {

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final Users users;
	private final Notifications notifications;
	private final ApplicationEventPublisher events;
	private final JsonMapper json;
	private final Clock clock;
	private final ZoneId zone;

	Grading(JdbcClient jdbc, Accounts accounts, Users users, Notifications notifications, ApplicationEventPublisher events,
			JsonMapper json, Clock clock, @Value("${kefu.time-zone:Asia/Shanghai}") String zone) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.users = users;
		this.notifications = notifications;
		this.events = events;
		this.json = json;
		this.clock = clock;
		this.zone = ZoneId.of(zone);
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(zone));
	}

	// ---- the policy

	public GradingPolicy policy() {
		return jdbc.sql("""
				select weight_revenue, weight_margin, weight_difficulty, weight_staff, weight_punctuality,
				       tier1_min, tier2_min, tier3_min from grading_policy""")
			.query((rs, n) -> {
				Map<Criterion, BigDecimal> weights = new EnumMap<>(Criterion.class);
				weights.put(Criterion.REVENUE, Amounts.plain(rs.getBigDecimal(1)));
				weights.put(Criterion.GROSS_MARGIN, Amounts.plain(rs.getBigDecimal(2)));
				weights.put(Criterion.DIFFICULTY, Amounts.plain(rs.getBigDecimal(3)));
				weights.put(Criterion.STAFF, Amounts.plain(rs.getBigDecimal(4)));
				weights.put(Criterion.PUNCTUALITY, Amounts.plain(rs.getBigDecimal(5)));
				return new GradingPolicy(weights, Amounts.plain(rs.getBigDecimal(6)), Amounts.plain(rs.getBigDecimal(7)),
						Amounts.plain(rs.getBigDecimal(8)));
			})
			.single();
	}

	@Transactional
	public void setPolicy(GradingPolicy policy, Actor by) {
		for (Criterion c : Criterion.values()) {
			BigDecimal w = policy.weights().get(c);
			if (w == null || w.signum() < 0 || w.compareTo(BigDecimal.valueOf(1000)) >= 0) {
				throw new InvalidInputException("grading.weight-invalid", c.code(), w);
			}
		}
		if (policy.weights().values().stream().allMatch(w -> w.signum() == 0)) {
			throw new InvalidInputException("grading.weights-zero");
		}
		if (policy.tier1Min() == null || policy.tier2Min() == null || policy.tier3Min() == null
				|| policy.tier1Min().compareTo(BigDecimal.valueOf(100)) > 0
				|| policy.tier1Min().compareTo(policy.tier2Min()) <= 0
				|| policy.tier2Min().compareTo(policy.tier3Min()) <= 0 || policy.tier3Min().signum() < 0) {
			throw new InvalidInputException("grading.thresholds-invalid");
		}
		GradingPolicy before = policy();
		Map<Criterion, BigDecimal> w = policy.weights();
		jdbc.sql("""
				update grading_policy set weight_revenue = ?, weight_margin = ?, weight_difficulty = ?, weight_staff = ?,
				  weight_punctuality = ?, tier1_min = ?, tier2_min = ?, tier3_min = ?, updated_at = ?, updated_by = ?""")
			.params(w.get(Criterion.REVENUE), w.get(Criterion.GROSS_MARGIN), w.get(Criterion.DIFFICULTY),
					w.get(Criterion.STAFF), w.get(Criterion.PUNCTUALITY), policy.tier1Min(), policy.tier2Min(),
					policy.tier3Min(), Timestamp.from(clock.instant()), by.userId())
			.update();
		events.publishEvent(new GradingPolicyChanged(describe(before), describe(policy), by));
	}

	private static Map<String, Object> describe(GradingPolicy p) {
		Map<String, Object> m = new java.util.LinkedHashMap<>();
		p.weights().forEach((c, w) -> m.put(c.code(), w.toPlainString()));
		m.put("tier1", p.tier1Min().toPlainString());
		m.put("tier2", p.tier2Min().toPlainString());
		m.put("tier3", p.tier3Min().toPlainString());
		return m;
	}

	public List<GradePolicy> gradePolicies() {
		return jdbc.sql("""
				select tier, key_account, routing_priority, first_response_minutes, review_every_days, description_zh,
				       description_en from grade_policy order by tier""")
			.query((rs, n) -> new GradePolicy(rs.getInt(1), rs.getBoolean(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
					rs.getString(6), rs.getString(7)))
			.list();
	}

	/** The service policy of the account's current grade, if it has one: for SLAs and routing. */
	public Optional<GradePolicy> policyOf(AccountId account) {
		Integer tier = accounts.get(account, Viewer.system()).tier();
		return tier == null ? Optional.empty() : gradePolicies().stream().filter(p -> p.tier() == tier).findFirst();
	}

	// ---- figures

	@Transactional
	public void record(AccountId account, Quarter period, Metrics m, Viewer viewer, Actor by) {
		accounts.get(account, viewer);
		if (m.revenue() == null || m.grossMargin() == null || m.staff() == null || m.punctuality() == null) {
			throw new InvalidInputException("grading.metrics-missing");
		}
		if (m.revenue().signum() < 0 || m.staff().signum() < 0 || m.difficulty() < 1 || m.difficulty() > 5
				|| m.grossMargin().abs().compareTo(BigDecimal.valueOf(100)) > 0 || m.punctuality().signum() < 0
				|| m.punctuality().compareTo(BigDecimal.valueOf(100)) > 0) {
			throw new InvalidInputException("grading.metrics-invalid");
		}
		jdbc.sql("""
				insert into account_metric (account_id, period, revenue, gross_margin, difficulty, staff, punctuality,
				                            recorded_at, recorded_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (account_id, period) do update set revenue = excluded.revenue,
				  gross_margin = excluded.gross_margin, difficulty = excluded.difficulty, staff = excluded.staff,
				  punctuality = excluded.punctuality, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by""")
			.params(account.value(), period.toString(), m.revenue(), m.grossMargin(), m.difficulty(), m.staff(),
					m.punctuality(), Timestamp.from(clock.instant()), by.userId())
			.update();
	}

	public Optional<Metrics> metrics(AccountId account, Quarter period, Viewer viewer) {
		accounts.get(account, viewer);
		return jdbc.sql("""
				select revenue, gross_margin, difficulty, staff, punctuality from account_metric
				where account_id = ? and period = ?""")
			.params(account.value(), period.toString())
			.query((rs, n) -> new Metrics(Amounts.plain(rs.getBigDecimal(1)), Amounts.plain(rs.getBigDecimal(2)),
					rs.getInt(3), Amounts.plain(rs.getBigDecimal(4)), Amounts.plain(rs.getBigDecimal(5))))
			.optional();
	}

	// ---- grading

	/** Grades every active account with figures for the quarter; returns the grades given. */
	@Transactional
	public List<GradeView> grade(Quarter period, String trigger, Actor by) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('kefu.grading'))").query(Object.class).single();
		record Row(long account, Integer tier, Metrics metrics) {
		}
		List<Row> rows = jdbc.sql("""
				select m.account_id, a.tier, m.revenue, m.gross_margin, m.difficulty, m.staff, m.punctuality
				from account_metric m join account a on a.id = m.account_id
				where m.period = ? and a.status = 'active' order by m.account_id""")
			.param(period.toString())
			.query((rs, n) -> new Row(rs.getLong(1), (Integer) rs.getObject(2), new Metrics(rs.getBigDecimal(3),
					rs.getBigDecimal(4), rs.getInt(5), rs.getBigDecimal(6), rs.getBigDecimal(7))))
			.list();
		GradingPolicy policy = policy();
		List<Long> ids = new ArrayList<>();
		for (Row row : rows) {
			List<GradeView.Reason> reasons = new ArrayList<>();
			double score = 0;
			for (Criterion c : Criterion.values()) {
				double mine = row.metrics().value(c);
				int better = 0;
				int ties = 0;
				for (Row other : rows) {
					if (other == row) {
						continue;
					}
					double theirs = other.metrics().value(c);
					if (theirs == mine) {
						ties++;
					}
					else if (c.higherIsBetter() == theirs > mine) {
						better++;
					}
				}
				int others = rows.size() - 1;
				double points = others == 0 ? 50 : 100.0 * (others - better - ties + ties / 2.0) / others;
				double weight = policy.share(c);
				score += points * weight / 100;
				reasons.add(new GradeView.Reason(c.code(), plain(row.metrics(), c), better + 1, rows.size(),
						round(points), round(weight)));
			}
			score = round(score);
			int tier = policy.tierFor(score);
			long id = jdbc.sql("""
					insert into account_grade (account_id, period, tier, previous, score, reasons, trigger, graded_at, graded_by)
					values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?) returning id""")
				.params(row.account(), period.toString(), tier, row.tier(), score, json.writeValueAsString(reasons),
						trigger, Timestamp.from(clock.instant()), by.userId())
				.query(Long.class).single();
			ids.add(id);
			AccountId account = new AccountId(row.account());
			accounts.grade(account, tier, tier <= 2);
			events.publishEvent(new AccountGraded(account, period.toString(), row.tier(), tier, score, by));
			if (row.tier() != null && row.tier() != tier) {
				String name = accounts.get(account, Viewer.system()).name();
				notifications.notify(accounts.managersOf(account).stream().map(UserId::value).toList(),
						"grading.changed", List.of(name, String.valueOf(row.tier()), String.valueOf(tier), period.toString()),
						"/accounts/" + row.account());
			}
		}
		return ids.stream().map(this::load).toList();
	}

	/** The grades given to an account, newest first. */
	public List<GradeView> history(AccountId account, Viewer viewer) {
		accounts.get(account, viewer);
		return jdbc.sql("select id from account_grade where account_id = ? order by graded_at desc, id desc limit 40")
			.param(account.value()).query(Long.class).list().stream().map(this::load).toList();
	}

	/** The latest grade of each visible account for the quarter, best first. */
	public List<GradeView> of(Quarter period, Viewer viewer) {
		return jdbc.sql("""
				select distinct on (account_id) id, account_id from account_grade where period = ?
				order by account_id, graded_at desc, id desc""")
			.param(period.toString())
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2))).list().stream()
			.filter(e -> accounts.canSee(new AccountId(e.getValue()), viewer))
			.map(e -> load(e.getKey()))
			.sorted(java.util.Comparator.comparingDouble(GradeView::score).reversed())
			.toList();
	}

	/** Quarters with figures or grades, newest first. */
	public List<String> periods() {
		return jdbc.sql("""
				select period from account_metric union select period from account_grade order by 1 desc limit 20""")
			.query(String.class).list();
	}

	public int accountsWithFigures(Quarter period) {
		return jdbc.sql("select count(*) from account_metric where period = ?").param(period.toString())
			.query(Integer.class).single();
	}

	private GradeView load(long id) {
		return jdbc.sql("""
				select g.id, g.account_id, a.name, g.period, g.tier, g.previous, g.score, g.reasons::text, g.trigger,
				       g.graded_at, g.graded_by
				from account_grade g join account a on a.id = g.account_id where g.id = ?""")
			.param(id)
			.query((rs, n) -> new GradeView(rs.getLong(1), new AccountId(rs.getLong(2)), rs.getString(3),
					rs.getString(4), rs.getInt(5), (Integer) rs.getObject(6), rs.getDouble(7),
					json.readValue(rs.getString(8), new TypeReference<List<GradeView.Reason>>() {
					}), rs.getString(9), rs.getTimestamp(10).toInstant(), by((Long) rs.getObject(11))))
			.single();
	}

	private String by(Long user) {
		return user == null || user == 0 ? "system"
				: users.find(new UserId(user)).map(UserSummary::displayName).orElse("#" + user);
	}

	private static String plain(Metrics m, Criterion c) {
		return switch (c) {
			case REVENUE -> String.format(java.util.Locale.ROOT, "%,.0f", m.revenue().setScale(0, RoundingMode.HALF_UP));
			case GROSS_MARGIN -> m.grossMargin().stripTrailingZeros().toPlainString();
			case DIFFICULTY -> String.valueOf(m.difficulty());
			case STAFF -> m.staff().stripTrailingZeros().toPlainString();
			case PUNCTUALITY -> m.punctuality().stripTrailingZeros().toPlainString();
		};
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}
}
