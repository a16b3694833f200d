package org.kefu.ticket;

import java.util.Set;

import org.kefu.customer.CustomerId;

/**
 * What a queue view asks for: which queue, filters, order and the page.
 *
 * @param viewer      the user looking, for "my tickets"
 * @param viewerTeams the viewer's teams, for "my team's tickets"
 * @param text        words to search for in subjects and messages, or blank
 * @param cursor      where the previous page ended, or {@code null} for the first page
 */
public record QueueQuery(Queue queue, Long viewer, Set<Long> viewerTeams, Set<TicketStatus> statuses,
		Priority priority, String businessType, Long assignee, Long team, String tag, Channel channel,
		CustomerId customer, String text, Sort sort, String cursor, int limit) {

	public static final int DEFAULT_LIMIT = 25;
	public static final int MAX_LIMIT = 100;

	public QueueQuery {
		queue = queue == null ? Queue.OPEN : queue;
		viewerTeams = viewerTeams == null ? Set.of() : Set.copyOf(viewerTeams);
		statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
		sort = sort == null ? Sort.UPDATED : sort;
		limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
	}

	public static QueueQuery of(Queue queue, Long viewer, Set<Long> viewerTeams) {
		return new QueueQuery(queue, viewer, viewerTeams, null, null, null, null, null, null, null, null, null, null,
				null, DEFAULT_LIMIT);
	}

	public boolean searching() {
		return text != null && !text.isBlank();
	}

	/** The saved views every agent has. */
	public enum Queue {
		/** Unsolved tickets assigned to me. */
		MINE,
		/** Unsolved tickets nobody has taken yet. */
		UNASSIGNED,
		/** Unsolved tickets of my teams. */
		TEAM,
		/** Every unsolved ticket. */
		OPEN,
		/** Every ticket, solved and closed ones too. */
		ALL;

		public String code() {
			return name().toLowerCase();
		}
	}

	/** The order of a queue, newest first. */
	public enum Sort {
		UPDATED, CREATED, PRIORITY;

		public String code() {
			return name().toLowerCase();
		}
	}
}
