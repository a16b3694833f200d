package org.kefu.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kefu.customer.ContactDetails;
import org.kefu.customer.Customers;
import org.kefu.shared.Actor;
import org.kefu.shared.Changes;
import org.kefu.shared.EmailAddress;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.shared.PhoneNumber;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's people and places: contacts with their roles (each also a customer, so that their
 * calls and mails land in one history) and shipper, consignee, billing and office addresses. Every
 * change is written to the monthly change report and announced to operations at once
 * ({@link AccountChanged}). Within the archive's confidentiality, as every account call.
 */
@Service
@Transactional(readOnly = true)
public class AccountContacts {

	private static final Set<String> PARTIES = Set.of("shipper", "consignee", "billing", "office");

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final Customers customers;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final ZoneId zone;

	AccountContacts(JdbcClient jdbc, Accounts accounts, Customers customers, ApplicationEventPublisher events,
			Clock clock, @Value("${kefu.time-zone:Asia/Shanghai}") String zone) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.customers = customers;
		this.events = events;
		this.clock = clock;
		this.zone = ZoneId.of(zone);
	}

	/** One line of the monthly change report. */
	public record Change(long id, AccountId account, String accountName, Instant at, String kind, String summary,
			String by) {
	}

	/** This month, in the center's time zone. */
	public YearMonth currentMonth() {
		return YearMonth.now(clock.withZone(zone));
	}

	/** The changes to contacts and addresses in a month, of the accounts the viewer may see. */
	public List<Change> changes(YearMonth month, Viewer viewer) {
		Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
		Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
		return jdbc.sql("""
				select c.id, c.account_id, a.name, c.at, c.kind, c.summary, c.by_name from account_change c
				join account a on a.id = c.account_id where c.at >= :from and c.at < :to and """ + Accounts.VISIBLE + """
				 order by a.name, c.at, c.id""")
			.param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
			.param("all", viewer.seesAll()).param("user", viewer.userId())
			.query((rs, n) -> new Change(rs.getLong(1), new AccountId(rs.getLong(2)), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7)))
			.list();
	}

	// ---- changing

	@Transactional
	public long addContact(AccountId id, ContactDetailsForm contact, Viewer viewer, Actor by) {
		AccountView account = accounts.load(id, viewer);
		Checked c = check(contact);
		Long customer = c.phone() == null && c.email() == null ? null
				: customers.identify(new ContactDetails(c.name(), c.email(), c.phone()), by).value();
		long contactId = jdbc.sql("""
				insert into account_contact (account_id, name, role, phone, email, customer_id, created_at)
				values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(id.value(), c.name(), c.role(), c.phone(), c.email(), customer, Timestamp.from(clock.instant()))
			.query(Long.class).single();
		changed(account, "contact_added", Map.of(), c.values(), c.name() + (c.role() == null ? "" : " (" + c.role() + ")"), by);
		return contactId;
	}

	@Transactional
	public void updateContact(AccountId id, long contactId, ContactDetailsForm contact, boolean active, Viewer viewer,
			Actor by) {
		AccountView account = accounts.load(id, viewer);
		AccountView.Contact current = account.contacts().stream().filter(x -> x.id() == contactId).findFirst()
			.orElseThrow(() -> new NotFoundException("account.contact-not-found", contactId));
		Checked c = check(contact);
		Changes changes = new Changes().record("name", current.name(), c.name()).record("role", current.role(), c.role())
			.record("phone", current.phone(), c.phone()).record("email", current.email(), c.email())
			.record("active", current.active(), active);
		if (changes.isEmpty()) {
			return;
		}
		Long customer = current.customerId();
		if (customer == null && (c.phone() != null || c.email() != null)) {
			customer = customers.identify(new ContactDetails(c.name(), c.email(), c.phone()), by).value();
		}
		jdbc.sql("update account_contact set name = ?, role = ?, phone = ?, email = ?, active = ?, customer_id = ? where id = ?")
			.params(c.name(), c.role(), c.phone(), c.email(), active, customer, contactId).update();
		changed(account, active ? "contact_changed" : "contact_removed", changes.before(), changes.after(),
				c.name() + ": " + String.join(", ", changes.after().keySet()), by);
	}

	@Transactional
	public long addAddress(AccountId id, AddressForm address, Viewer viewer, Actor by) {
		AccountView account = accounts.load(id, viewer);
		CheckedAddress a = check(address);
		long addressId = jdbc.sql("""
				insert into account_address (account_id, party, name, address, contact_name, phone, created_at)
				values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(id.value(), a.party(), a.name(), a.address(), a.contactName(), a.phone(),
					Timestamp.from(clock.instant()))
			.query(Long.class).single();
		changed(account, "address_added", Map.of(), a.values(), a.party() + " " + a.name() + ": " + a.address(), by);
		return addressId;
	}

	@Transactional
	public void updateAddress(AccountId id, long addressId, AddressForm address, boolean active, Viewer viewer,
			Actor by) {
		AccountView account = accounts.load(id, viewer);
		AccountView.Address current = account.addresses().stream().filter(x -> x.id() == addressId).findFirst()
			.orElseThrow(() -> new NotFoundException("account.address-not-found", addressId));
		CheckedAddress a = check(address);
		Changes changes = new Changes().record("party", current.party(), a.party()).record("name", current.name(), a.name())
			.record("address", current.address(), a.address()).record("contactName", current.contactName(), a.contactName())
			.record("phone", current.phone(), a.phone()).record("active", current.active(), active);
		if (changes.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update account_address set party = ?, name = ?, address = ?, contact_name = ?, phone = ?, active = ?
				where id = ?""")
			.params(a.party(), a.name(), a.address(), a.contactName(), a.phone(), active, addressId).update();
		changed(account, active ? "address_changed" : "address_removed", changes.before(), changes.after(),
				a.name() + ": " + String.join(", ", changes.after().keySet()), by);
	}

	// ---- inside

	private void changed(AccountView account, String kind, Map<String, ?> before, Map<String, ?> after, String summary,
			Actor by) {
		jdbc.sql("""
				insert into account_change (account_id, at, kind, summary, by_id, by_name) values (?, ?, ?, ?, ?, ?)""")
			.params(account.id().value(), Timestamp.from(clock.instant()), kind,
					summary.length() > 500 ? summary.substring(0, 500) : summary, by.userId(), by.name())
			.update();
		events.publishEvent(new AccountChanged(account.id(), account.name(), kind, before, after, by));
	}

	private record Checked(String name, String role, String phone, String email) {

		Map<String, Object> values() {
			Map<String, Object> v = new LinkedHashMap<>();
			v.put("name", name);
			v.put("role", role);
			v.put("phone", phone);
			v.put("email", email);
			return v;
		}
	}

	private record CheckedAddress(String party, String name, String address, String contactName, String phone) {

		Map<String, Object> values() {
			Map<String, Object> v = new LinkedHashMap<>();
			v.put("party", party);
			v.put("name", name);
			v.put("address", address);
			v.put("contactName", contactName);
			v.put("phone", phone);
			return v;
		}
	}

	private static Checked check(ContactDetailsForm contact) {
		PhoneNumber phone = PhoneNumber.of(contact.phone());
		EmailAddress email = EmailAddress.of(contact.email());
		return new Checked(Accounts.required(contact.name(), "name", 100), Accounts.blank(contact.role()),
				phone == null ? null : phone.value(), email == null ? null : email.value());
	}

	private static CheckedAddress check(AddressForm address) {
		String party = address.party() == null ? "" : address.party().strip().toLowerCase();
		if (!PARTIES.contains(party)) {
			throw new InvalidInputException("api.invalid-value", "party", address.party(),
					"shipper, consignee, billing, office");
		}
		PhoneNumber phone = PhoneNumber.of(address.phone());
		return new CheckedAddress(party, Accounts.required(address.name(), "name", 200), Accounts.required(address.address(), "address", 500),
				Accounts.blank(address.contactName()), phone == null ? null : phone.value());
	}

}
