package org.kefu.transfer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.kefu.account.AccountContacts;
import org.kefu.account.AccountId;
import org.kefu.account.AccountView;
import org.kefu.account.Accounts;
import org.kefu.account.ContactDetailsForm;
import org.kefu.account.NewAccount;
import org.kefu.account.Viewer;
import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerId;
import org.kefu.customer.CustomerTags;
import org.kefu.customer.CustomerView;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.UserId;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.EmailAddress;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.PhoneNumber;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports one row as its author would enter it by hand: a customer is found again by phone or
 * email before one is created, an account by its name; the author's permissions and account scope
 * hold. The row runs in the caller's transaction, which records its outcome with it.
 */
@Component
class RowImporter {

	private final Customers customers;
	private final CustomerTags tags;
	private final Accounts accounts;
	private final AccountContacts contacts;
	private final Users users;

	RowImporter(Customers customers, CustomerTags tags, Accounts accounts, AccountContacts contacts, Users users) {
		this.customers = customers;
		this.tags = tags;
		this.accounts = accounts;
		this.contacts = contacts;
		this.users = users;
	}

	/** Imports the row; returns {@code created} or {@code updated}. */
	@Transactional
	public String apply(ImportKind kind, Map<String, String> row, long author) {
		CurrentUser user = users.currentUser(author).orElseThrow(() -> new InvalidInputException("import.author-gone"));
		Actor actor = Actor.user(author, user.username(), null);
		return kind == ImportKind.CUSTOMERS ? customer(row, actor) : account(row, Viewer.of(user), actor);
	}

	private String customer(Map<String, String> row, Actor actor) {
		EmailAddress email = EmailAddress.of(row.get("email"));
		PhoneNumber phone = PhoneNumber.of(row.get("phone"));
		Optional<CustomerView> known = email == null ? Optional.empty()
				: customers.findByIdentity(IdentityType.EMAIL, email.value());
		if (known.isEmpty() && phone != null) {
			known = customers.findByIdentity(IdentityType.PHONE, phone.value());
		}
		ContactDetails details = new ContactDetails(row.get("name"), row.get("email"), row.get("phone"));
		CustomerId id = customers.identify(details, actor);
		if (known.isEmpty() && row.get("note") != null) {
			customers.update(id, details, row.get("note"), actor);
		}
		if (row.get("tags") != null) {
			for (String tag : row.get("tags").split("[;,，；、|]")) {
				if (!tag.isBlank()) {
					tags.add(id, tag, actor);
				}
			}
		}
		return known.isPresent() ? "updated" : "created";
	}

	private String account(Map<String, String> row, Viewer viewer, Actor actor) {
		String name = row.get("name").strip();
		Optional<AccountId> existing = accounts.findByName(name);
		AccountId id;
		String outcome;
		if (existing.isPresent()) {
			if (!accounts.canSee(existing.get(), viewer)) {
				throw new ConflictException("account.name-taken", name);
			}
			id = existing.get();
			outcome = "updated";
		}
		else {
			id = accounts.create(new NewAccount(name, row.get("short_name"), Imports.kind(row.get("kind")),
					row.get("industry"), row.get("note")), actor);
			Map<UserId, String> managers = new LinkedHashMap<>();
			if (row.get("manager") != null) {
				UserSummary manager = users.findByUsername(row.get("manager").strip())
					.filter(UserSummary::enabled)
					.orElseThrow(() -> new InvalidInputException("import.row.manager-unknown", row.get("manager")));
				managers.put(manager.id(), "manager");
			}
			if (!viewer.seesAll() && managers.keySet().stream().noneMatch(u -> u.value() == viewer.userId())) {
				managers.put(new UserId(viewer.userId()), managers.isEmpty() ? "manager" : "assistant");
			}
			if (!managers.isEmpty()) {
				accounts.assign(id, managers, actor);
			}
			outcome = "created";
		}
		String contact = row.get("contact_name");
		if (contact != null) {
			AccountView account = accounts.get(id, viewer);
			boolean known = account.contacts().stream().anyMatch(c -> c.active() && c.name().equals(contact.strip()));
			if (!known) {
				contacts.addContact(id, new ContactDetailsForm(contact.strip(), row.get("contact_role"),
						row.get("contact_phone"), row.get("contact_email")), viewer, actor);
			}
		}
		return outcome;
	}
}
