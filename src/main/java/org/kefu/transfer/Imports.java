package org.kefu.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kefu.account.AccountKind;
import org.kefu.shared.Actor;
import org.kefu.shared.EmailAddress;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.KefuException;
import org.kefu.shared.NotFoundException;
import org.kefu.shared.PhoneNumber;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports. A file is read and every row checked at once, nothing imported yet: the preview shows
 * what was read and which rows are refused and why. Confirmed, the rows are worked through in the
 * background ({@link ImportRunner}), each once; an import only its author sees.
 */
@Service
@Transactional(readOnly = true)
public class Imports {

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final ImportRunner runner;
	private final Clock clock;

	Imports(JdbcClient jdbc, JsonMapper json, ImportRunner runner, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.runner = runner;
		this.clock = clock;
	}

	/** Reads and checks a file; returns the import, waiting to be confirmed. */
	@Transactional
	public long read(ImportKind kind, String filename, byte[] content, Actor by) {
		List<List<String>> rows = Sheets.read(filename, content);
		if (rows.isEmpty()) {
			throw new InvalidInputException("import.empty");
		}
		List<String> heading = rows.get(0);
		Map<Integer, String> columns = new LinkedHashMap<>();
		List<String> ignored = new ArrayList<>();
		for (int i = 0; i < heading.size(); i++) {
			Optional<String> column = kind.column(heading.get(i));
			if (column.isPresent() && !columns.containsValue(column.get())) {
				columns.put(i, column.get());
			}
			else if (!heading.get(i).isBlank()) {
				ignored.add(heading.get(i));
			}
		}
		for (String required : kind.required()) {
			if (!columns.containsValue(required)) {
				throw new InvalidInputException("import.column-missing", required,
						String.join(", ", kind.headings().get(required)));
			}
		}
		if (rows.size() == 1) {
			throw new InvalidInputException("import.empty");
		}
		long job = jdbc.sql("""
				insert into import_job (kind, filename, columns, ignored, total, invalid, created_by, created_at)
				values (?, ?, ?, ?, ?, 0, ?, ?) returning id""")
			.params(kind.code(), filename == null ? "upload" : filename, columns.values().toArray(String[]::new),
					ignored.toArray(String[]::new), rows.size() - 1, by.userId(), Timestamp.from(clock.instant()))
			.query(Long.class).single();
		int invalid = 0;
		for (int r = 1; r < rows.size(); r++) {
			Map<String, String> data = new LinkedHashMap<>();
			for (Map.Entry<Integer, String> c : columns.entrySet()) {
				String value = c.getKey() < rows.get(r).size() ? rows.get(r).get(c.getKey()).strip() : "";
				if (!value.isEmpty()) {
					data.put(c.getValue(), value);
				}
			}
			KefuException refused = check(kind, data);
			if (refused != null) {
				invalid++;
			}
			jdbc.sql("""
					insert into import_row (job_id, row_number, data, error, error_args)
					values (?, ?, cast(? as jsonb), ?, cast(? as jsonb))""")
				.params(job, r + 1, json.writeValueAsString(data), refused == null ? null : refused.code(),
						refused == null ? null : json.writeValueAsString(Arrays.stream(refused.args()).map(String::valueOf).toList()))
				.update();
		}
		jdbc.sql("update import_job set invalid = ? where id = ?").params(invalid, job).update();
		return job;
	}

	/** Starts working through a previewed import in the background. */
	@Transactional
	public void confirm(long id, Actor by) {
		ImportJob job = get(id, by);
		int started = jdbc.sql("update import_job set status = 'running', started_at = ? where id = ? and status = 'previewed'")
			.params(Timestamp.from(clock.instant()), id).update();
		if (started == 0) {
			throw new org.kefu.shared.ConflictException("import.not-waiting", job.status());
		}
		runner.startAfterCommit(id);
	}

	@Transactional
	public void cancel(long id, Actor by) {
		get(id, by);
		jdbc.sql("""
				update import_job set status = 'cancelled', finished_at = ? where id = ? and status in ('previewed', 'running')""")
			.params(Timestamp.from(clock.instant()), id).update();
	}

	/** The import, if the actor made it. */
	public ImportJob get(long id, Actor by) {
		return jdbc.sql(SELECT + " where id = ? and created_by = ?").params(id, by.userId()).query(this::job).optional()
			.orElseThrow(() -> new NotFoundException("import.not-found", id));
	}

	/** The actor's imports, newest first. */
	public List<ImportJob> mine(Actor by) {
		return jdbc.sql(SELECT + " where created_by = ? order by id desc limit 50").param(by.userId()).query(this::job)
			.list();
	}

	/** Rows of the import: the first read rows for the preview, or the refused and failed ones. */
	public List<ImportJob.Line> lines(long id, boolean problemsOnly, int limit, Actor by) {
		get(id, by);
		return jdbc.sql("""
				select row_number, data::text, error, error_args::text, outcome from import_row where job_id = ?
				""" + (problemsOnly ? " and error is not null" : "") + " order by row_number limit ?")
			.params(id, limit)
			.query((rs, n) -> new ImportJob.Line(rs.getInt(1), json.readValue(rs.getString(2),
					new TypeReference<Map<String, String>>() {
					}), rs.getString(3), rs.getString(4) == null ? List.of() : json.readValue(rs.getString(4),
							new TypeReference<List<Object>>() {
							}), rs.getString(5)))
			.list();
	}

	/** A row's own faults, found without touching the archive; {@code null} when it may be imported. */
	static KefuException check(ImportKind kind, Map<String, String> row) {
		try {
			if (row.getOrDefault("name", "").isBlank()) {
				return new InvalidInputException("validation.required", "name");
			}
			if (row.getOrDefault("name", "").length() > 200) {
				return new InvalidInputException("import.row.too-long", "name", 200);
			}
			if (kind == ImportKind.CUSTOMERS) {
				PhoneNumber.of(row.get("phone"));
				EmailAddress.of(row.get("email"));
				if (row.get("phone") == null && row.get("email") == null) {
					return new InvalidInputException("import.row.identity-missing");
				}
			}
			else {
				kind(row.get("kind"));
				PhoneNumber.of(row.get("contact_phone"));
				EmailAddress.of(row.get("contact_email"));
				if (row.get("contact_name") == null && (row.get("contact_phone") != null || row.get("contact_email") != null)) {
					return new InvalidInputException("validation.required", "contact_name");
				}
			}
			return null;
		}
		catch (KefuException e) {
			return e;
		}
	}

	/** An account kind as written in English or Chinese. */
	static AccountKind kind(String written) {
		String k = written == null ? "" : written.strip().toLowerCase();
		return switch (k) {
			case "shipper", "发货", "发货方", "发货客户", "托运人" -> AccountKind.SHIPPER;
			case "consignee", "收货", "收货方", "收货客户" -> AccountKind.CONSIGNEE;
			case "both", "两者", "发货和收货", "发货/收货", "收发货" -> AccountKind.BOTH;
			default -> throw new InvalidInputException("import.row.kind-invalid", written == null ? "" : written);
		};
	}

	private static final String SELECT = """
			select id, kind, filename, status, columns, ignored, total, invalid, processed, created, updated, failed,
			       created_at, started_at, finished_at from import_job""";

	private ImportJob job(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new ImportJob(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				List.of((String[]) rs.getArray(5).getArray()), List.of((String[]) rs.getArray(6).getArray()), rs.getInt(7),
				rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getTimestamp(13).toInstant(),
				rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant(),
				rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant());
	}
}
