package org.kefu.transfer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An import as it stands: read and checked ({@code previewed}), being worked through
 * ({@code running}), {@code done} or {@code cancelled}.
 *
 * @param invalid rows refused when the file was read; they are not imported
 * @param processed rows worked through so far, of {@code total - invalid}
 */
public record ImportJob(long id, String kind, String filename, String status, List<String> columns,
		List<String> ignored, int total, int invalid, int processed, int created, int updated, int failed,
		Instant createdAt, Instant startedAt, Instant finishedAt) {

	public int importable() {
		return total - invalid;
	}

	public int percent() {
		return importable() == 0 ? 100 : Math.min(100, processed * 100 / importable());
	}

	public boolean running() {
		return status.equals("running");
	}

	/**
	 * A row of the file: its number in the file (the heading is row 1), what Kefu read, and the
	 * reason it was refused or failed, if it was.
	 */
	public record Line(int number, Map<String, String> data, String error, List<Object> args, String outcome) {
	}
}
