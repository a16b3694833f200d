package org.kefu.account.web;

import java.util.List;

import org.kefu.account.Accounts;
import org.kefu.account.Viewer;
import org.kefu.customer.CustomerId;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The card on a customer's 360 page naming the business accounts the customer is a contact of,
 * with their grade: only accounts the viewer may see, and nothing for someone without the archive.
 */
@Controller
class CustomerAccounts {

	private final Accounts accounts;

	CustomerAccounts(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/customers/{id}/accounts")
	String card(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		boolean archive = me.can(Permission.ACCOUNT_VIEW) || me.can(Permission.ACCOUNT_VIEW_ALL);
		model.addAttribute("accounts", archive ? accounts.ofContact(new CustomerId(id), Viewer.of(me)) : List.of());
		return "account/customer-accounts :: card";
	}
}
