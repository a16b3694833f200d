package org.kefu.ticket;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.mapper.orm.Search;
import org.kefu.shared.Cursor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.Slice;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Full-text search over tickets' subjects and messages, in Chinese (segmented into words by
 * smartcn) and English alike, with the queue filters applied. Best matches come first; a ticket
 * number ({@code #100234}) finds that ticket.
 */
@Component
@Transactional(readOnly = true)
class TicketSearch {

	private static final Pattern NUMBER = Pattern.compile("#?(\\d{4,18})");
	private static final int MAX_DEPTH = 1000;

	private final EntityManager entities;
	private final Queues queues;

	TicketSearch(EntityManager entities, @Lazy Queues queues) {
		this.entities = entities;
		this.queues = queues;
	}

	Slice<TicketSummary> find(QueueQuery query) {
		String text = query.text().trim();
		if (text.length() > 200) {
			throw new InvalidInputException("ticket.search.too-long", 200);
		}
		int offset = query.cursor() == null ? 0 : (int) Math.min(Cursor.decode(query.cursor()).id(), MAX_DEPTH);
		List<Long> ids = Search.session(entities).search(Ticket.class)
			.select(f -> f.id(Long.class))
			.where(f -> {
				BooleanPredicateClausesStep<?, ?> bool = f.bool();
				bool.must(matching(f, text));
				filter(f, bool, query);
				return bool;
			})
			.sort(f -> f.score().then().field("updatedAt").desc())
			.fetchHits(offset, query.limit() + 1);
		boolean more = ids.size() > query.limit() && offset + query.limit() < MAX_DEPTH;
		List<TicketSummary> page = queues.byIds(more ? ids.subList(0, query.limit()) : ids);
		return new Slice<>(page, more ? new Cursor("search", offset + query.limit()).encode() : null);
	}

	private static org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep matching(
			SearchPredicateFactory f, String text) {
		var words = f.simpleQueryString()
			.field("subject").boost(2f)
			.field("messages.body")
			.matching(text)
			.defaultOperator(BooleanOperator.AND);
		Matcher number = NUMBER.matcher(text);
		if (number.matches()) {
			long n = Long.parseLong(number.group(1));
			return f.or(words, f.match().field("number").matching(n).boost(10f));
		}
		return words;
	}

	private static void filter(SearchPredicateFactory f, BooleanPredicateClausesStep<?, ?> root, QueueQuery query) {
		switch (query.queue()) {
			case MINE -> {
				root.filter(unsolved(f));
				root.filter(f.match().field("assigneeId").matching(query.viewer() == null ? -1L : query.viewer()));
			}
			case UNASSIGNED -> {
				root.filter(unsolved(f));
				root.mustNot(f.exists().field("assigneeId"));
			}
			case TEAM -> {
				root.filter(unsolved(f));
				root.filter(f.terms().field("teamId").matchingAny(query.viewerTeams().isEmpty()
						? List.of(-1L) : List.copyOf(query.viewerTeams())));
			}
			case OPEN -> root.filter(unsolved(f));
			case ALL -> {
			}
		}
		if (!query.statuses().isEmpty()) {
			root.filter(f.terms().field("status").matchingAny(List.copyOf(query.statuses())));
		}
		if (query.businessType() != null && !query.businessType().isBlank()) {
			root.filter(f.match().field("businessType").matching(query.businessType()));
		}
		if (query.assignee() != null) {
			root.filter(f.match().field("assigneeId").matching(query.assignee()));
		}
		if (query.team() != null) {
			root.filter(f.match().field("teamId").matching(query.team()));
		}
		if (query.customer() != null) {
			root.filter(f.match().field("customerId").matching(query.customer().value()));
		}
	}

	private static org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep unsolved(
			SearchPredicateFactory f) {
		return f.terms().field("status").matchingAny(List.copyOf(TicketStatus.UNSOLVED));
	}
}
