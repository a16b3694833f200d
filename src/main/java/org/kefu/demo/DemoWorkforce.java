package org.kefu.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Random;

import org.kefu.shared.Actor;
import org.kefu.workforce.ContactHistory;
import org.kefu.workforce.Forecasts;
import org.kefu.workforce.KnownEvents;

import org.springframework.stereotype.Component;

/**
 * The demo center's workforce history: ten weeks of phone and chat contacts per half hour up to
 * yesterday (busier on Mondays, quiet on Sundays, a lunch dip, a little noise), 双12 as a known
 * promotion, and a forecast of next week for each, so a planner can make a schedule at once.
 */
@Component
class DemoWorkforce {

	private final ContactHistory history;
	private final KnownEvents events;
	private final Forecasts forecasts;

	DemoWorkforce(ContactHistory history, KnownEvents events, Forecasts forecasts) {
		this.history = history;
		this.events = events;
		this.forecasts = forecasts;
	}

	void tell() {
		LocalDate today = LocalDate.now(history.zone());
		LocalDate from = today.minusWeeks(10);
		Random random = new Random(20261205);
		history.importCsv("phone", new ByteArrayInputStream(csv(from, today, 320, random).getBytes(StandardCharsets.UTF_8)));
		history.importCsv("chat", new ByteArrayInputStream(csv(from, today, 200, random).getBytes(StandardCharsets.UTF_8)));
		LocalDate twelfth = LocalDate.of(today.getYear(), 12, 12);
		if (!twelfth.isBefore(today)) {
			events.add("双12", "promotion", twelfth, twelfth, null, 2.5);
		}
		LocalDate monday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
		forecasts.create("phone", monday, 7, 180.0, Actor.system());
		forecasts.create("chat", monday, 7, 420.0, Actor.system());
	}

	/** Half-hour rows from 08:00 to 22:00: {@code weekday} contacts on a Monday, fewer later in the week. */
	private static String csv(LocalDate from, LocalDate to, double weekday, Random random) {
		double[] byDay = { 1.15, 1.0, 0.95, 0.95, 1.0, 0.6, 0.45 };
		StringBuilder csv = new StringBuilder("date,time,contacts\n");
		for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
			double total = weekday * byDay[day.getDayOfWeek().getValue() - 1] * (0.93 + 0.14 * random.nextDouble());
			for (int slot = 16; slot < 44; slot++) {
				double hour = slot / 2.0;
				double shape = Math.exp(-Math.pow(hour - 10.5, 2) / 6) + 0.8 * Math.exp(-Math.pow(hour - 15, 2) / 8)
						+ 0.35 * Math.exp(-Math.pow(hour - 20, 2) / 3);
				double contacts = Math.max(0, total * shape / 14.5 * (0.85 + 0.3 * random.nextDouble()));
				csv.append(day).append(',').append(String.format(Locale.ROOT, "%02d:%02d,%.0f%n", slot / 2, slot % 2 * 30,
						contacts));
			}
		}
		return csv.toString();
	}
}
