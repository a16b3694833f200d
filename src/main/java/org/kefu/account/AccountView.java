package org.kefu.account;

import java.time.Instant;
import java.util.List;

import org.kefu.shared.EmailAddress;
import org.kefu.shared.PhoneNumber;

/**
 * A business account as its archive shows it.
 *
 * @param tier the current grade, 1 (most important) to 4, or {@code null} before the first grading
 */
public record AccountView(AccountId id, String name, String shortName, AccountKind kind, String industry,
		String status, Integer tier, boolean keyAccount, String note, Instant createdAt, List<Manager> managers,
		List<Contact> contacts, List<Address> addresses) {

	/** A user who manages or assists the account. */
	public record Manager(long userId, String username, String displayName, String role) {
	}

	/** A person at the account, with their role there. */
	public record Contact(long id, String name, String role, String phone, String email, Long customerId,
			boolean active) {

		Contact masked() {
			return new Contact(id, name, role, PhoneNumber.mask(phone), EmailAddress.mask(email), customerId, active);
		}
	}

	/** A shipper's or consignee's site, a billing or office address. */
	public record Address(long id, String party, String name, String address, String contactName, String phone,
			boolean active) {

		Address masked() {
			return new Address(id, party, name, address, contactName, PhoneNumber.mask(phone), active);
		}
	}

	AccountView maskedUnless(boolean reveal) {
		return reveal ? this : new AccountView(id, name, shortName, kind, industry, status, tier, keyAccount, note,
				createdAt, managers, contacts.stream().map(Contact::masked).toList(),
				addresses.stream().map(Address::masked).toList());
	}
}
