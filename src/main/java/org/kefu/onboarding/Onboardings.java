package org.kefu.onboarding;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.webhook.Webhooks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Onboarding checklists. Steps may be done in any order, and done again to correct them, until the
 * business is handed over; the hand-over is refused, naming what is missing, until every step is
 * done: the launch notice sent, the operating requirements written, training recorded with a test
 * score at or above the pass mark, and follow-up notes in each month of the follow-up period, which
 * must have ended.
 */
@Service
@Transactional(readOnly = true)
public class Onboardings {

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final Users users;
	private final Notifications notifications;
	private final Webhooks webhooks;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final ZoneId zone;
	private final int passMark;

	Onboardings(JdbcClient jdbc, Accounts accounts, Users users, Notifications notifications, Webhooks webhooks,
			ApplicationEventPublisher events, Clock clock, @Value("${kefu.time-zone:Asia/Shanghai}") String zone,
			@Value("${kefu.onboarding.pass-mark:85}") int passMark) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.users = users;
		this.notifications = notifications;
		this.webhooks = webhooks;
		this.events = events;
		this.clock = clock;
		this.zone = ZoneId.of(zone);
		this.passMark = passMark;
	}

	public int passMark() {
		return passMark;
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(zone));
	}

	/**
	 * Opens a checklist for new business with the account; a key account (grade 1 or 2) is followed
	 * for three months, any other for one. At most one checklist per business line.
	 */
	@Transactional
	public long open(AccountId account, Long businessLine, String title, Viewer viewer, Actor by) {
		AccountView a = accounts.get(account, viewer);
		if (title == null || title.isBlank()) {
			throw new InvalidInputException("validation.required", "title");
		}
		if (businessLine != null) {
			Long existing = jdbc.sql("select id from onboarding where business_line_id = ?").param(businessLine)
				.query(Long.class).optional().orElse(null);
			if (existing != null) {
				return existing;
			}
		}
		long id = jdbc.sql("""
				insert into onboarding (account_id, business_line_id, title, key_account, follow_up_months, opened_at, opened_by)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (business_line_id) do nothing returning id""")
			.params(account.value(), businessLine, title.strip(), a.keyAccount(), a.keyAccount() ? 3 : 1,
					Timestamp.from(clock.instant()), by.userId())
			.query(Long.class).optional().orElse(-1L);
		if (id < 0) {
			return jdbc.sql("select id from onboarding where business_line_id = ?").param(businessLine)
				.query(Long.class).single();
		}
		events.publishEvent(new OnboardingChanged(id, "opened", Map.of("account", a.name(), "title", title.strip()), by));
		return id;
	}

	/** Tells operations the business starts on the given day: a notice in the app and a webhook. */
	@Transactional
	public void sendLaunchNotice(long id, LocalDate launchOn, Viewer viewer, Actor by) {
		OnboardingView o = open(id, viewer);
		if (launchOn == null) {
			throw new InvalidInputException("validation.required", "launchOn");
		}
		jdbc.sql("update onboarding set launch_on = ?, notice_sent_at = ?, notice_by = ? where id = ?")
			.params(Date.valueOf(launchOn), Timestamp.from(clock.instant()), by.userId(), id).update();
		notifications.notify(users.withPermission(Permission.ACCOUNT_CHANGE_NOTICE).stream().map(u -> u.id().value())
			.toList(), "onboarding.launch", List.of(o.accountName(), o.title(), launchOn.toString()), "/onboarding/" + id);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("onboarding", id);
		data.put("account", o.account().value());
		data.put("accountName", o.accountName());
		data.put("title", o.title());
		data.put("launchOn", launchOn.toString());
		data.put("requirements", o.requirements());
		data.put("by", by.name());
		webhooks.publish("onboarding.launched", data);
		events.publishEvent(new OnboardingChanged(id, "launch_notice", Map.of("launchOn", launchOn.toString()), by));
	}

	@Transactional
	public void writeRequirements(long id, String text, Viewer viewer, Actor by) {
		open(id, viewer);
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("validation.required", "requirements");
		}
		jdbc.sql("update onboarding set requirements = ?, requirements_at = ? where id = ?")
			.params(text.strip(), Timestamp.from(clock.instant()), id).update();
		events.publishEvent(new OnboardingChanged(id, "requirements", Map.of("length", text.strip().length()), by));
	}

	@Transactional
	public void recordTraining(long id, LocalDate on, int score, String trainees, Viewer viewer, Actor by) {
		open(id, viewer);
		if (on == null) {
			throw new InvalidInputException("validation.required", "trainingOn");
		}
		if (score < 0 || score > 100) {
			throw new InvalidInputException("onboarding.score-invalid", score);
		}
		jdbc.sql("update onboarding set training_on = ?, training_score = ?, trainees = ? where id = ?")
			.params(Date.valueOf(on), score, trainees == null || trainees.isBlank() ? null : trainees.strip(), id).update();
		events.publishEvent(new OnboardingChanged(id, "training", Map.of("on", on.toString(), "score", score), by));
	}

	@Transactional
	public long addNote(long id, LocalDate on, String text, Viewer viewer, Actor by) {
		open(id, viewer);
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("validation.required", "text");
		}
		LocalDate day = on == null ? today() : on;
		if (day.isAfter(today())) {
			throw new InvalidInputException("onboarding.note-future", day);
		}
		return jdbc.sql("""
				insert into onboarding_note (onboarding_id, noted_on, text, noted_by, created_at) values (?, ?, ?, ?, ?)
				returning id""")
			.params(id, Date.valueOf(day), text.strip(), by.userId(), Timestamp.from(clock.instant()))
			.query(Long.class).single();
	}

	/** Hands the business over to operations; refused (409, with the missing steps) until every step is done. */
	@Transactional
	public void handOver(long id, String to, String note, Viewer viewer, Actor by) {
		OnboardingView o = open(id, viewer);
		if (!o.readyToHandOver()) {
			throw new ConflictException("onboarding.not-ready", o.missing().size(), String.join(", ", o.missing()))
				.with("missing", o.missing());
		}
		if (to == null || to.isBlank()) {
			throw new InvalidInputException("validation.required", "to");
		}
		jdbc.sql("""
				update onboarding set status = 'handed_over', handed_over_at = ?, handed_over_by = ?, handed_over_to = ?,
				  hand_over_note = ? where id = ?""")
			.params(Timestamp.from(clock.instant()), by.userId(), to.strip(), note == null || note.isBlank() ? null
					: note.strip(), id)
			.update();
		events.publishEvent(new OnboardingChanged(id, "handed_over", Map.of("to", to.strip()), by));
	}

	public OnboardingView get(long id, Viewer viewer) {
		Long account = jdbc.sql("select account_id from onboarding where id = ?").param(id).query(Long.class)
			.optional().orElseThrow(() -> new NotFoundException("onboarding.not-found", id));
		if (!accounts.canSee(new AccountId(account), viewer)) {
			throw new NotFoundException("onboarding.not-found", id);
		}
		return load(id);
	}

	/** Checklists of the accounts the viewer may see: open ones, or all. */
	public List<OnboardingView> list(boolean openOnly, Viewer viewer) {
		return jdbc.sql("select id, account_id from onboarding" + (openOnly ? " where status = 'open'" : "")
				+ " order by opened_at desc limit 500")
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2))).list().stream()
			.filter(e -> accounts.canSee(new AccountId(e.getValue()), viewer)).map(e -> load(e.getKey())).toList();
	}

	public List<OnboardingView> of(AccountId account, Viewer viewer) {
		accounts.get(account, viewer);
		return jdbc.sql("select id from onboarding where account_id = ? order by opened_at desc").param(account.value())
			.query(Long.class).list().stream().map(this::load).toList();
	}

	private OnboardingView open(long id, Viewer viewer) {
		OnboardingView o = get(id, viewer);
		if (!o.status().equals("open")) {
			throw new ConflictException("onboarding.handed-over", o.title());
		}
		return o;
	}

	private OnboardingView load(long id) {
		List<OnboardingView.Note> notes = jdbc.sql("""
				select id, noted_on, text, noted_by from onboarding_note where onboarding_id = ? order by noted_on, id""")
			.param(id)
			.query((rs, n) -> new OnboardingView.Note(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3),
					name((Long) rs.getObject(4))))
			.list();
		return jdbc.sql("""
				select o.id, o.account_id, a.name, o.business_line_id, o.title, o.key_account, o.follow_up_months, o.status,
				       o.opened_at, o.launch_on, o.notice_sent_at, o.requirements, o.requirements_at, o.training_on,
				       o.training_score, o.trainees, o.handed_over_at, o.handed_over_by, o.handed_over_to, o.hand_over_note
				from onboarding o join account a on a.id = o.account_id where o.id = ?""")
			.param(id)
			.query((rs, n) -> {
				LocalDate launch = date(rs.getDate(10));
				Instant notice = instant(rs.getTimestamp(11));
				String requirements = rs.getString(12);
				LocalDate trainingOn = date(rs.getDate(14));
				Integer score = (Integer) rs.getObject(15);
				int months = rs.getInt(7);
				return new OnboardingView(rs.getLong(1), new AccountId(rs.getLong(2)), rs.getString(3),
						(Long) rs.getObject(4), rs.getString(5), rs.getBoolean(6), months, rs.getString(8),
						rs.getTimestamp(9).toInstant(), launch, notice, requirements, instant(rs.getTimestamp(13)),
						trainingOn, score, rs.getString(16), notes, instant(rs.getTimestamp(17)),
						rs.getObject(18) == null ? null : name(rs.getLong(18)), rs.getString(19), rs.getString(20),
						steps(launch, notice, requirements, trainingOn, score, months, notes));
			})
			.single();
	}

	private List<OnboardingView.Step> steps(LocalDate launch, Instant notice, String requirements, LocalDate trainingOn,
			Integer score, int months, List<OnboardingView.Note> notes) {
		List<OnboardingView.Step> steps = new ArrayList<>();
		steps.add(notice == null ? new OnboardingView.Step("launch_notice", false, "onboarding.missing.notice", List.of())
				: new OnboardingView.Step("launch_notice", true, null, List.of()));
		steps.add(requirements == null
				? new OnboardingView.Step("requirements", false, "onboarding.missing.requirements", List.of())
				: new OnboardingView.Step("requirements", true, null, List.of()));
		if (trainingOn == null || score == null) {
			steps.add(new OnboardingView.Step("training", false, "onboarding.missing.training", List.of(passMark)));
		}
		else if (score < passMark) {
			steps.add(new OnboardingView.Step("training", false, "onboarding.missing.training-score",
					List.of(score, passMark)));
		}
		else {
			steps.add(new OnboardingView.Step("training", true, null, List.of()));
		}
		steps.add(followUp(launch, months, notes));
		return steps;
	}

	/** Follow-up is done once the period since launch has passed with a dated note in each of its months. */
	private OnboardingView.Step followUp(LocalDate launch, int months, List<OnboardingView.Note> notes) {
		if (launch == null) {
			return new OnboardingView.Step("follow_up", false, "onboarding.missing.follow-up-launch", List.of(months));
		}
		LocalDate end = launch.plusMonths(months);
		List<Object> empty = new ArrayList<>();
		for (int k = 0; k < months; k++) {
			LocalDate from = launch.plusMonths(k);
			LocalDate to = launch.plusMonths(k + 1);
			boolean noted = notes.stream().anyMatch(n -> !n.on().isBefore(from) && n.on().isBefore(to));
			if (!noted) {
				empty.add(from + " – " + to.minusDays(1));
			}
		}
		if (!empty.isEmpty()) {
			return new OnboardingView.Step("follow_up", false, "onboarding.missing.follow-up-notes",
					List.of(months, String.join(", ", empty.stream().map(String::valueOf).toList())));
		}
		if (today().isBefore(end)) {
			return new OnboardingView.Step("follow_up", false, "onboarding.missing.follow-up-until",
					List.of(months, end.toString()));
		}
		return new OnboardingView.Step("follow_up", true, null, List.of());
	}

	private String name(Long user) {
		return user == null || user == 0 ? "system"
				: users.find(new UserId(user)).map(UserSummary::displayName).orElse("#" + user);
	}

	private static LocalDate date(Date date) {
		return date == null ? null : date.toLocalDate();
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
