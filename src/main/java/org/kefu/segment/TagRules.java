package org.kefu.segment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.kefu.account.Accounts;
import org.kefu.customer.CustomerId;
import org.kefu.customer.CustomerTags;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.TicketStatistics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rule-based tags. Running a rule makes its tag true of exactly the customers it describes now:
 * added where it holds, taken away where it no longer does; tags set by people are left alone.
 * Rules run every night ({@link NightlyTagRules}) and when an administrator asks.
 */
@Service
@Transactional(readOnly = true)
public class TagRules {

	private static final Set<String> KINDS = Set.of("ticket_count", "ticket_share", "key_account_contact");

	private final JdbcClient jdbc;
	private final TicketStatistics tickets;
	private final Accounts accounts;
	private final CustomerTags tags;
	private final Clock clock;

	TagRules(JdbcClient jdbc, TicketStatistics tickets, Accounts accounts, CustomerTags tags, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.accounts = accounts;
		this.tags = tags;
		this.clock = clock;
	}

	/** A rule as an administrator enters it. */
	public record NewRule(String tag, String nameZh, String nameEn, String kind, List<String> businessTypes,
			Integer days, Integer atLeast, BigDecimal percentAbove) {
	}

	/** What a run did: customers matching now, and how many gained and lost the tag. */
	public record Run(String tag, int matching, int gained, int lost) {
	}

	public List<TagRule> all() {
		return jdbc.sql("""
				select id, tag, name_zh, name_en, kind, business_types, days, at_least, percent_above, active,
				       last_run_at, last_matched from tag_rule order by id""")
			.query((rs, n) -> new TagRule(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), Arrays.asList((String[]) rs.getArray(6).getArray()), (Integer) rs.getObject(7),
					(Integer) rs.getObject(8), rs.getBigDecimal(9), rs.getBoolean(10),
					rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(), (Integer) rs.getObject(12)))
			.list();
	}

	public TagRule get(long id) {
		return all().stream().filter(r -> r.id() == id).findFirst()
			.orElseThrow(() -> new NotFoundException("segment.rule-not-found", id));
	}

	@Transactional
	public long create(NewRule rule, Actor by) {
		check(rule);
		if (jdbc.sql("select count(*) from tag_rule where tag = ?").param(rule.tag().strip().toLowerCase())
			.query(Integer.class).single() > 0) {
			throw new org.kefu.shared.ConflictException("segment.rule-tag-taken", rule.tag());
		}
		return jdbc.sql("""
				insert into tag_rule (tag, name_zh, name_en, kind, business_types, days, at_least, percent_above, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(rule.tag().strip().toLowerCase(), rule.nameZh().strip(), rule.nameEn().strip(), rule.kind(),
					types(rule), rule.days(), rule.atLeast(), rule.percentAbove(), Timestamp.from(clock.instant()))
			.query(Long.class).single();
	}

	@Transactional
	public void setActive(long id, boolean active) {
		get(id);
		jdbc.sql("update tag_rule set active = ? where id = ?").params(active, id).update();
	}

	/** Runs one rule now. */
	@Transactional
	public Run run(long id, Actor by) {
		TagRule rule = get(id);
		Set<CustomerId> matching = matching(rule);
		int[] changed = tags.applyRule(rule.tag(), matching, by);
		jdbc.sql("update tag_rule set last_run_at = ?, last_matched = ? where id = ?")
			.params(Timestamp.from(clock.instant()), matching.size(), id).update();
		return new Run(rule.tag(), matching.size(), changed[0], changed[1]);
	}

	Set<CustomerId> matching(TagRule rule) {
		return switch (rule.kind()) {
			case "key_account_contact" -> accounts.keyAccountContacts();
			case "ticket_count" -> tickets.countsSince(clock.instant().minus(Duration.ofDays(rule.days())),
					Set.copyOf(rule.businessTypes())).stream()
				.filter(c -> (rule.businessTypes().isEmpty() ? c.total() : c.matching()) >= rule.atLeast())
				.map(TicketStatistics.CustomerCounts::customer).collect(Collectors.toSet());
			case "ticket_share" -> tickets.countsSince(clock.instant().minus(Duration.ofDays(rule.days())),
					Set.copyOf(rule.businessTypes())).stream()
				.filter(c -> c.total() >= rule.atLeast()
						&& c.matching() * 100.0 / c.total() > rule.percentAbove().doubleValue())
				.map(TicketStatistics.CustomerCounts::customer).collect(Collectors.toSet());
			default -> throw new IllegalStateException("Unknown rule kind " + rule.kind());
		};
	}

	private static String[] types(NewRule rule) {
		return rule.businessTypes() == null ? new String[0]
				: rule.businessTypes().stream().filter(t -> t != null && !t.isBlank()).map(String::strip)
					.toArray(String[]::new);
	}

	private static void check(NewRule rule) {
		if (rule.tag() == null || !rule.tag().strip().toLowerCase().matches("[\\p{L}\\p{N}][\\p{L}\\p{N}_\\- ]{0,39}")) {
			throw new InvalidInputException("customer.tag-invalid", rule.tag());
		}
		if (rule.nameZh() == null || rule.nameZh().isBlank() || rule.nameEn() == null || rule.nameEn().isBlank()) {
			throw new InvalidInputException("validation.required", rule.nameZh() == null || rule.nameZh().isBlank()
					? "nameZh" : "nameEn");
		}
		if (!KINDS.contains(rule.kind())) {
			throw new InvalidInputException("api.invalid-value", "kind", rule.kind(),
					"ticket_count, ticket_share, key_account_contact");
		}
		if (!rule.kind().equals("key_account_contact")) {
			if (rule.days() == null || rule.days() < 1 || rule.days() > 3660 || rule.atLeast() == null
					|| rule.atLeast() < 1) {
				throw new InvalidInputException("segment.rule-invalid");
			}
			if (rule.kind().equals("ticket_share") && (rule.percentAbove() == null || rule.percentAbove().signum() < 0
					|| rule.percentAbove().compareTo(BigDecimal.valueOf(100)) > 0
					|| rule.businessTypes() == null || rule.businessTypes().isEmpty())) {
				throw new InvalidInputException("segment.rule-invalid");
			}
		}
	}
}
