package org.kefu.account;

import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;

/**
 * Who is looking at the account archive, and how far they may see: all accounts (the department
 * head, administrators), or only those they manage or assist.
 *
 * @param revealContacts whether phone numbers and email addresses show in clear
 */
public record Viewer(long userId, String username, boolean seesAll, boolean revealContacts) {

	public static Viewer of(CurrentUser user) {
		return new Viewer(user.id(), user.username(), user.can(Permission.ACCOUNT_VIEW_ALL),
				user.can(Permission.CUSTOMER_CONTACT_DETAILS));
	}

	/** The system itself (scheduled jobs), which sees every account. */
	public static Viewer system() {
		return new Viewer(0, "system", true, true);
	}
}
