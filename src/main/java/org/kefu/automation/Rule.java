package org.kefu.automation;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An automation rule: what sets it off, the conditions a ticket must meet and the actions taken.
 *
 * @param events   for an event rule, the events it listens to ({@link Rules#EVENTS})
 * @param position rules run in this order, lowest first
 */
public record Rule(long id, String name, Kind kind, Set<String> events, List<Condition> conditions,
		List<Action> actions, boolean active, int position, Instant updatedAt) {

	/** What sets a rule off. */
	public enum Kind {

		/** Something happened to a ticket. */
		EVENT,
		/** A ticket has been in a status for so many hours. */
		TIME,
		/** An agent applies it to a ticket by hand. */
		MACRO;

		public String code() {
			return name().toLowerCase();
		}

		public static Kind ofCode(String code) {
			return valueOf(code.toUpperCase());
		}
	}

	/**
	 * A test on a ticket, such as {@code status is pending} or {@code subject contains 退款}.
	 *
	 * @param field what is tested ({@link Rules#FIELDS})
	 * @param op    how: {@code is}, {@code is_not}, {@code contains}, {@code not_contains},
	 *              {@code is_set}, {@code is_empty}, {@code at_least}
	 * @param value what with; none for {@code is_set} and {@code is_empty}
	 */
	public record Condition(String field, String op, String value) {
	}

	/**
	 * Something done to a ticket.
	 *
	 * @param type  {@code set}, {@code assign}, {@code add_tag}, {@code remove_tag}, {@code notify},
	 *              {@code reply} or {@code webhook}
	 * @param field what it is done to: the property set, {@code user} or {@code team} assigned, who
	 *              is notified ({@code assignee}, {@code team_lead}, {@code team}, {@code user:ID}),
	 *              whether the reply is {@code public} or {@code internal}
	 * @param value the value, tag, text (with saved-reply variables) or webhook id
	 */
	public record Action(String type, String field, String value) {
	}

	/** Hours in the status a time rule waits for; 0 for other rules. */
	public double hoursInStatus() {
		return conditions.stream().filter(c -> c.field().equals("hours_in_status")).findFirst()
			.map(c -> Double.parseDouble(c.value())).orElse(0.0);
	}
}
