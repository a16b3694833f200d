package org.kefu.workforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.kefu.calendar.Calendars;
import org.kefu.shared.InvalidInputException;
import org.kefu.ticket.TicketCreated;
import org.kefu.ticket.Tickets;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts per queue and planning interval: Kefu's own tickets as they open (the queue is the
 * channel: phone, chat, email…) and history imported from CSV for a center that starts with
 * history from elsewhere. Days are the center's days, in the default calendar's time zone.
 */
@Service
@Transactional(readOnly = true)
public class ContactHistory {

	/** The planning interval in minutes. */
	public static final int INTERVAL_MINUTES = 30;

	public static final int SLOTS = 24 * 60 / INTERVAL_MINUTES;

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final Calendars calendars;
	private final Tickets tickets;
	private final Clock clock;

	ContactHistory(JdbcClient jdbc, JdbcTemplate template, Calendars calendars, Tickets tickets, Clock clock) {
		this.tickets = tickets;
		this.jdbc = jdbc;
		this.template = template;
		this.calendars = calendars;
		this.clock = clock;
	}

	/** What an import did. */
	public record Imported(String queue, int rows, int intervals, LocalDate from, LocalDate to, int slotMinutes) {
	}

	/** A queue with how much history it has. */
	public record QueueHistory(String queue, LocalDate from, LocalDate to, long contacts) {
	}

	/** A ticket counts once, at the moment it was opened (not when this listener runs). */
	@ApplicationModuleListener
	void on(TicketCreated created) {
		jdbc.sql("insert into workforce_contact (ticket_id, queue, arrived_at) values (?, ?, ?) on conflict do nothing")
			.params(created.ticket().value(), created.channel().name().toLowerCase(java.util.Locale.ROOT),
					Timestamp.from(tickets.summary(created.ticket()).createdAt()))
			.update();
	}

	public ZoneId zone() {
		return ZoneId.of(calendars.get(calendars.defaultId()).timeZone());
	}

	/**
	 * Imports a CSV with a header: {@code date} and {@code time} (or {@code slot_start}) in the
	 * center's time zone, {@code contacts} (or {@code calls}), optionally {@code handle_seconds}.
	 * Slots shorter than the planning interval (6 or 15 minutes) are added up into it; a slot that
	 * would straddle two intervals is refused. Re-importing the same days replaces them.
	 */
	@Transactional
	public Imported importCsv(String queue, InputStream csv) {
		String name = queueName(queue);
		ZoneId zone = zone();
		TreeMap<Instant, double[]> intervals = new TreeMap<>();
		int rows = 0;
		int slotMinutes = INTERVAL_MINUTES;
		LocalTime previous = null;
		LocalDate previousDay = null;
		try (Reader reader = new InputStreamReader(csv, StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
					.setIgnoreEmptyLines(true).get().parse(reader)) {
			Map<String, Integer> header = parser.getHeaderMap();
			String dateColumn = column(header, "date");
			String timeColumn = column(header, "time", "slot_start", "interval_start");
			String countColumn = column(header, "contacts", "calls");
			boolean handled = header.keySet().stream().anyMatch(h -> h.replace("\uFEFF", "").equals("handle_seconds"));
			for (CSVRecord record : parser) {
				rows++;
				if (rows > 500_000) {
					throw new InvalidInputException("workforce.import-too-large", 500_000);
				}
				LocalDate day;
				LocalTime time;
				double contacts;
				try {
					day = LocalDate.parse(record.get(dateColumn));
					time = LocalTime.parse(record.get(timeColumn));
					contacts = Double.parseDouble(record.get(countColumn));
				}
				catch (DateTimeParseException | IllegalArgumentException e) {
					throw new InvalidInputException("workforce.import-row", record.getRecordNumber() + 1);
				}
				if (contacts < 0 || !Double.isFinite(contacts)) {
					throw new InvalidInputException("workforce.import-row", record.getRecordNumber() + 1);
				}
				if (day.equals(previousDay) && previous != null && time.isAfter(previous)) {
					slotMinutes = Math.min(slotMinutes, (int) java.time.Duration.between(previous, time).toMinutes());
				}
				previous = time;
				previousDay = day;
				int minute = time.getHour() * 60 + time.getMinute();
				LocalTime start = LocalTime.of(0, 0).plusMinutes(minute / INTERVAL_MINUTES * INTERVAL_MINUTES);
				Instant at = ZonedDateTime.of(day, start, zone).toInstant();
				double[] sum = intervals.computeIfAbsent(at, k -> new double[3]);
				sum[0] += contacts;
				if (handled && !record.get("handle_seconds").isBlank()) {
					try {
						double seconds = Double.parseDouble(record.get("handle_seconds"));
						sum[1] += seconds * contacts;
						sum[2] += contacts;
					}
					catch (NumberFormatException e) {
						throw new InvalidInputException("workforce.import-row", record.getRecordNumber() + 1);
					}
				}
			}
		}
		catch (IOException | java.io.UncheckedIOException e) {
			throw new InvalidInputException("workforce.import-unreadable");
		}
		if (intervals.isEmpty()) {
			throw new InvalidInputException("workforce.import-empty");
		}
		if (slotMinutes <= 0 || INTERVAL_MINUTES % slotMinutes != 0) {
			throw new InvalidInputException("workforce.import-slot", slotMinutes, INTERVAL_MINUTES);
		}
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> batch = new ArrayList<>();
		intervals.forEach((at, sum) -> batch.add(new Object[] { name, Timestamp.from(at), BigDecimal.valueOf(sum[0]),
				sum[2] > 0 ? BigDecimal.valueOf(sum[1] / sum[2]) : null, now }));
		template.batchUpdate("""
				insert into workforce_volume (queue, interval_start, contacts, handle_seconds, imported_at)
				values (?, ?, ?, ?, ?)
				on conflict (queue, interval_start) do update set contacts = excluded.contacts,
				  handle_seconds = excluded.handle_seconds, imported_at = excluded.imported_at""", batch);
		LocalDate from = intervals.firstKey().atZone(zone).toLocalDate();
		LocalDate to = intervals.lastKey().atZone(zone).toLocalDate();
		return new Imported(name, rows, intervals.size(), from, to, slotMinutes);
	}

	/**
	 * Contacts per interval for every day from the queue's first to its last day of history within
	 * the range (a day without a contact is a day of zeros).
	 */
	public NavigableMap<LocalDate, double[]> days(String queue, LocalDate from, LocalDate to) {
		ZoneId zone = zone();
		Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
		Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
		TreeMap<LocalDate, double[]> days = new TreeMap<>();
		jdbc.sql("""
				select interval_start, contacts from workforce_volume where queue = ? and interval_start >= ? and interval_start < ?
				union all
				select to_timestamp(floor(extract(epoch from arrived_at) / 900) * 900), count(*) from workforce_contact
				where queue = ? and arrived_at >= ? and arrived_at < ? group by 1""")
			.params(queue, start, end, queue, start, end)
			.query((rs, n) -> {
				ZonedDateTime at = rs.getTimestamp(1).toInstant().atZone(zone);
				int slot = (at.getHour() * 60 + at.getMinute()) / INTERVAL_MINUTES;
				days.computeIfAbsent(at.toLocalDate(), d -> new double[SLOTS])[slot] += rs.getDouble(2);
				return null;
			})
			.list();
		if (!days.isEmpty()) {
			for (LocalDate d = days.firstKey(); d.isBefore(days.lastKey()); d = d.plusDays(1)) {
				days.computeIfAbsent(d, k -> new double[SLOTS]);
			}
		}
		return days;
	}

	/** The average handling time imported for the queue, if any was. */
	public java.util.Optional<Double> handleSeconds(String queue) {
		return jdbc.sql("select sum(handle_seconds * contacts) / nullif(sum(contacts), 0) from workforce_volume where queue = ? and handle_seconds is not null")
			.param(queue).query(Double.class).optional();
	}

	/** Every queue with history: imported or Kefu's own. */
	public List<QueueHistory> queues() {
		ZoneId zone = zone();
		return jdbc.sql("""
				select queue, min(at), max(at), sum(n) from (
				  select queue, interval_start at, contacts n from workforce_volume
				  union all select queue, arrived_at, 1 from workforce_contact) h
				group by queue order by queue""")
			.query((rs, n) -> new QueueHistory(rs.getString(1), rs.getTimestamp(2).toInstant().atZone(zone).toLocalDate(),
					rs.getTimestamp(3).toInstant().atZone(zone).toLocalDate(), Math.round(rs.getDouble(4))))
			.list();
	}

	static String queueName(String queue) {
		String name = queue == null ? "" : queue.strip().toLowerCase(java.util.Locale.ROOT);
		if (!name.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
			throw new InvalidInputException("workforce.queue-invalid", String.valueOf(queue));
		}
		return name;
	}

	private static String column(Map<String, Integer> header, String... names) {
		for (String name : names) {
			for (String h : header.keySet()) {
				if (h.replace("\uFEFF", "").equalsIgnoreCase(name)) {
					return h;
				}
			}
		}
		throw new InvalidInputException("workforce.import-column", names[0]);
	}
}
