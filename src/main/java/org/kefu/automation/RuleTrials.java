package org.kefu.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.kefu.automation.Automation.Facts;
import org.kefu.automation.Rule.Action;
import org.kefu.automation.Rule.Condition;
import org.kefu.shared.InvalidInputException;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * "What would this rule have done?" — a rule tried on a past ticket, or on the latest tickets, by
 * the same conditions and the same test of each action that running it uses. Nothing is written.
 */
@Service
public class RuleTrials {

	private final Automation automation;
	private final Tickets tickets;
	private final JdbcClient jdbc;

	RuleTrials(Automation automation, Tickets tickets, JdbcClient jdbc) {
		this.automation = automation;
		this.tickets = tickets;
		this.jdbc = jdbc;
	}

	/** One condition and whether the ticket meets it. */
	public record Check(Condition condition, boolean met) {
	}

	/** One action and whether it would change anything on the ticket as it is. */
	public record Step(Action action, boolean changes) {
	}

	/**
	 * What a rule would do to a ticket: each condition met or not, and — if all are — each action
	 * and whether it would change anything. Nothing is written.
	 */
	public record Trial(long ticket, long number, String subject, boolean matched, List<Check> checks, List<Step> steps) {
	}

	public Trial tryOn(Rule rule, long number) {
		TicketId id = tickets.byNumber(number).orElseThrow(() -> new InvalidInputException("automation.ticket-unknown", number));
		Facts facts = automation.facts(id, Set.of());
		List<Check> checks = rule.conditions().stream()
			.map(c -> new Check(c, c.field().equals("changed") || automation.met(c, facts)))
			.toList();
		boolean matched = checks.stream().allMatch(Check::met);
		List<Step> steps = rule.actions().stream().map(a -> new Step(a, Automation.changes(a, facts.ticket()))).toList();
		return new Trial(id.value(), number, facts.ticket().subject(), matched, checks, steps);
	}

	/** A rule tried on the latest tickets: which it would have acted on. */
	public record Sample(int tried, List<Trial> matched) {
	}

	public Sample tryOnRecent(Rule rule, int count) {
		List<Long> numbers = jdbc.sql("select number from ticket where merged_into_id is null order by id desc limit ?")
			.param(Math.max(1, Math.min(count, 500))).query(Long.class).list();
		List<Trial> matched = new ArrayList<>();
		for (long n : numbers) {
			Trial t = tryOn(rule, n);
			if (t.matched()) {
				matched.add(t);
			}
		}
		return new Sample(numbers.size(), matched);
	}
}
