package org.kefu.contract;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.kefu.account.AccountId;
import org.kefu.account.Accounts;
import org.kefu.account.Viewer;
import org.kefu.identity.UserId;
import org.kefu.notification.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells an account's managers that a contract, agreement or quote is about to end: two months
 * before, so that what follows can be agreed with the customer (seed 002 §5.6), and again one
 * month before. Each alert is sent once, whichever node runs the check, and a day missed while
 * Kefu was down is caught up on the next run.
 */
@Component
class ExpiryAlerts {

	private static final Logger log = LoggerFactory.getLogger(ExpiryAlerts.class);

	private final JdbcClient jdbc;
	private final Contracts contracts;
	private final Accounts accounts;
	private final Notifications notifications;
	private final Clock clock;

	ExpiryAlerts(JdbcClient jdbc, Contracts contracts, Accounts accounts, Notifications notifications, Clock clock) {
		this.jdbc = jdbc;
		this.contracts = contracts;
		this.accounts = accounts;
		this.notifications = notifications;
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 1, timeUnit = java.util.concurrent.TimeUnit.HOURS, initialDelay = 0)
	void hourly() {
		int sent = alert(contracts.today());
		if (sent > 0) {
			log.info("Sent {} contract expiry alerts", sent);
		}
	}

	/** Sends the alerts due on the given day; returns how many. */
	@Transactional
	int alert(LocalDate today) {
		int sent = 0;
		// the nearer alert first: a contract registered with weeks left gets one notice, not two
		sent += alert(today, "one_month", today.plusMonths(1));
		sent += alert(today, "two_months", today.plusMonths(2));
		return sent;
	}

	private int alert(LocalDate today, String kind, LocalDate horizon) {
		record Due(long contract, long account, String title, LocalDate validTo) {
		}
		List<Due> due = jdbc.sql("""
				select c.id, c.account_id, coalesce(c.number || ' ', '') || c.title, c.valid_to from contract c
				where c.status = 'active' and c.valid_to >= ? and c.valid_to <= ?
				  and not exists (select 1 from contract_alert a where a.contract_id = c.id and a.kind = ?)
				order by c.valid_to""")
			.params(Date.valueOf(today), Date.valueOf(horizon), kind)
			.query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDate(4).toLocalDate()))
			.list();
		int sent = 0;
		for (Due d : due) {
			int claimed = jdbc.sql("""
					insert into contract_alert (contract_id, kind, sent_at) values (?, ?, ?) on conflict do nothing""")
				.params(d.contract(), kind, Timestamp.from(clock.instant())).update();
			if (claimed == 0) {
				continue;
			}
			if (kind.equals("one_month")) {
				jdbc.sql("insert into contract_alert (contract_id, kind, sent_at) values (?, 'two_months', ?) on conflict do nothing")
					.params(d.contract(), Timestamp.from(clock.instant())).update();
			}
			AccountId account = new AccountId(d.account());
			List<Long> managers = accounts.managersOf(account).stream().map(UserId::value).toList();
			String name = accounts.get(account, Viewer.system()).name();
			notifications.notify(managers, "contract.expiring." + kind,
					List.of(name, d.title(), d.validTo().toString()), "/contracts/" + d.contract());
			sent++;
		}
		return sent;
	}
}
