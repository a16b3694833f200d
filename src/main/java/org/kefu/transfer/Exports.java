package org.kefu.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.kefu.account.AccountView;
import org.kefu.account.Accounts;
import org.kefu.account.Viewer;
import org.kefu.customer.CustomerFilter;
import org.kefu.customer.CustomerId;
import org.kefu.customer.CustomerSearch;
import org.kefu.customer.CustomerTags;
import org.kefu.customer.CustomerView;
import org.kefu.shared.Actor;
import org.kefu.shared.Slice;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What exports contain: the customers of a filter (a segment) with contact details masked for
 * those who may not see them, and the accounts the exporter may see. Both are audited.
 */
@Service
public class Exports {

	static final int MAX_CUSTOMERS = 100_000;

	private final CustomerSearch search;
	private final CustomerTags tags;
	private final Accounts accounts;
	private final ApplicationEventPublisher events;

	Exports(CustomerSearch search, CustomerTags tags, Accounts accounts, ApplicationEventPublisher events) {
		this.search = search;
		this.tags = tags;
		this.accounts = accounts;
		this.events = events;
	}

	/** A table: its heading and rows. */
	public record Table(List<String> heading, List<List<Object>> rows) {
	}

	@Transactional
	public Table customers(CustomerFilter filter, boolean reveal, Actor by) {
		List<List<Object>> rows = new ArrayList<>();
		String cursor = null;
		do {
			Slice<CustomerView> page = search.list(filter, cursor, 100);
			Map<CustomerId, Set<String>> tagged = tags.of(page.items().stream().map(CustomerView::id).toList());
			for (CustomerView c : page.items()) {
				CustomerView shown = c.maskedUnless(reveal);
				rows.add(List.of(c.id().value(), shown.name(), nullable(shown.phone()), nullable(shown.email()),
						String.join(";", tagged.getOrDefault(c.id(), Set.of())), c.createdAt().toString()));
			}
			cursor = page.nextCursor();
		}
		while (cursor != null && rows.size() < MAX_CUSTOMERS);
		events.publishEvent(new CustomersExported(rows.size(), describe(filter), !reveal, by));
		return new Table(List.of("id", "name", "phone", "email", "tags", "since"), rows);
	}

	@Transactional
	public Table accounts(Viewer viewer, Actor by) {
		List<List<Object>> rows = new ArrayList<>();
		for (AccountView a : accounts.export(viewer, by)) {
			rows.add(java.util.Arrays.asList(a.id().value(), a.name(), a.shortName(), a.kind().code(), a.industry(),
					a.status(), a.tier(), a.keyAccount(),
					a.managers().stream().map(m -> m.displayName() + " (" + m.role() + ")").collect(Collectors.joining("; ")),
					a.contacts().stream().filter(AccountView.Contact::active)
						.map(c -> c.name() + (c.role() == null ? "" : " " + c.role()) + (c.phone() == null ? "" : " " + c.phone())
								+ (c.email() == null ? "" : " " + c.email()))
						.collect(Collectors.joining("; ")),
					a.addresses().stream().filter(AccountView.Address::active)
						.map(x -> x.party() + ": " + x.name() + ", " + x.address()).collect(Collectors.joining("; "))));
		}
		return new Table(List.of("id", "name", "short_name", "kind", "industry", "status", "tier", "key_account",
				"managers", "contacts", "addresses"), rows);
	}

	private static Object nullable(String value) {
		return value == null ? "" : value;
	}

	private static String describe(CustomerFilter f) {
		return (f.query() == null ? "" : "q=" + f.query() + " ") + (f.tags().isEmpty() ? "" : "tags=" + f.tags() + " ")
				+ (f.withoutTags().isEmpty() ? "" : "without=" + f.withoutTags());
	}
}
