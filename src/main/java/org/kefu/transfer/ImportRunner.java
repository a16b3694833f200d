package org.kefu.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.kefu.shared.KefuException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works through confirmed imports, a row at a time: the row is claimed with a lock that other
 * nodes skip, and imported and recorded in one transaction, so that a row is imported once even
 * when Kefu stops half-way; imports left running are resumed on start.
 */
@Component
class ImportRunner {

	private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final RowImporter rows;
	private final JsonMapper json;
	private final Clock clock;
	private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "kefu-import");
		thread.setDaemon(true);
		return thread;
	});

	ImportRunner(JdbcClient jdbc, TransactionTemplate transactions, RowImporter rows, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.rows = rows;
		this.json = json;
		this.clock = clock;
	}

	void startAfterCommit(long job) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				executor.execute(() -> run(job));
			}
		});
	}

	@EventListener(ApplicationReadyEvent.class)
	void resume() {
		for (Long job : jdbc.sql("select id from import_job where status = 'running' order by id").query(Long.class).list()) {
			log.info("Resuming import {}", job);
			executor.execute(() -> run(job));
		}
	}

	void run(long job) {
		try {
			Step step;
			do {
				step = transactions.execute(status -> step(job, status));
				if (step != null && step.failure() != null) {
					// the row's own transaction was rolled back; record why in a transaction of its own
					Step failed = step;
					transactions.executeWithoutResult(status -> record(job, failed.row(), "failed", failed.failure()));
				}
			}
			while (step != null);
			transactions.executeWithoutResult(status -> jdbc.sql("""
					update import_job set status = 'done', finished_at = ? where id = ? and status = 'running'
					  and not exists (select 1 from import_row where job_id = ? and outcome is null and error is null)""")
				.params(Timestamp.from(clock.instant()), job, job).update());
		}
		catch (RuntimeException e) {
			log.error("Import {} stopped; it resumes on the next start", job, e);
		}
	}

	/** A row worked: its number, and why it failed (then nothing of it was written), or {@code null}. */
	private record Step(int row, Failure failure) {
	}

	private record Failure(String code, String args) {
	}

	/**
	 * Claims the next row and imports it in the same transaction as its outcome, so that a row
	 * imported is a row recorded: one commit a row. A row that fails rolls back whole.
	 */
	private Step step(long job, org.springframework.transaction.TransactionStatus status) {
		record Claimed(int number, String data, String kind, long author) {
		}
		List<Claimed> claimed = jdbc.sql("""
				select r.row_number, r.data::text, j.kind, j.created_by from import_row r join import_job j on j.id = r.job_id
				where r.job_id = ? and j.status = 'running' and r.outcome is null and r.error is null
				order by r.row_number limit 1 for update of r skip locked""")
			.param(job)
			.query((rs, n) -> new Claimed(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
		if (claimed.isEmpty()) {
			return null;
		}
		Claimed row = claimed.get(0);
		Failure failure;
		try {
			String outcome = rows.apply(ImportKind.ofCode(row.kind()).orElseThrow(),
					json.readValue(row.data(), new TypeReference<Map<String, String>>() {
					}), row.author());
			record(job, row.number(), outcome, null);
			return new Step(row.number(), null);
		}
		catch (KefuException e) {
			failure = new Failure(e.code(), json.writeValueAsString(Arrays.stream(e.args()).map(String::valueOf).toList()));
		}
		catch (RuntimeException e) {
			log.warn("Import {} row {} failed", job, row.number(), e);
			failure = new Failure("import.row.failed", "[]");
		}
		status.setRollbackOnly();
		return new Step(row.number(), failure);
	}

	private void record(long job, int row, String outcome, Failure failure) {
		int recorded = jdbc.sql("""
				update import_row set outcome = ?, error = ?, error_args = cast(? as jsonb)
				where job_id = ? and row_number = ? and outcome is null""")
			.params(outcome, failure == null ? null : failure.code(), failure == null ? null : failure.args(), job, row)
			.update();
		if (recorded > 0) {
			jdbc.sql("update import_job set processed = processed + 1, " + outcome + " = " + outcome + " + 1 where id = ?")
				.param(job).update();
		}
	}
}
