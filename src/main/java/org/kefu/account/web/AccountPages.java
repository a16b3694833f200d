package org.kefu.account.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kefu.account.AccountContacts;
import org.kefu.account.AccountId;
import org.kefu.account.AccountKind;
import org.kefu.account.Accounts;
import org.kefu.account.AddressForm;
import org.kefu.account.ContactDetailsForm;
import org.kefu.account.NewAccount;
import org.kefu.account.Viewer;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account archive's pages: the list, an account, the monthly change report, the export. */
@Controller
@RequestMapping("/accounts")
class AccountPages {

	private final Accounts accounts;
	private final AccountContacts contacts;
	private final Users users;

	AccountPages(Accounts accounts, AccountContacts contacts, Users users) {
		this.accounts = accounts;
		this.contacts = contacts;
		this.users = users;
	}

	@GetMapping
	@Transactional(readOnly = true)
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String tier, @RequestParam(required = false) String cursor,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		var page = accounts.list(Viewer.of(me), q, AccountForms.kind(kind), AccountForms.tier(tier), cursor, 50);
		model.addAttribute("accounts", page.items());
		model.addAttribute("nextCursor", page.nextCursor());
		model.addAttribute("q", q);
		model.addAttribute("kind", kind);
		model.addAttribute("tier", tier);
		model.addAttribute("cursor", cursor);
		model.addAttribute("kinds", AccountKind.values());
		model.addAttribute("seesAll", me.can(Permission.ACCOUNT_VIEW_ALL));
		return "account/accounts";
	}

	@GetMapping("/{id}")
	@Transactional
	String show(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Actor actor, Model model) {
		var account = accounts.view(new AccountId(id), Viewer.of(me), actor);
		model.addAttribute("account", account);
		Map<Long, String> roles = new LinkedHashMap<>();
		account.managers().forEach(m -> roles.put(m.userId(), m.role()));
		model.addAttribute("managerRoles", roles);
		model.addAttribute("canEdit", me.can(Permission.ACCOUNT_EDIT));
		model.addAttribute("kinds", AccountKind.values());
		model.addAttribute("people", users.active());
		model.addAttribute("parties", List.of("shipper", "consignee", "billing", "office"));
		return "account/account";
	}

	@PostMapping
	@PreAuthorize("hasAuthority('account.edit')")
	String create(@RequestParam String name, @RequestParam(required = false) String shortName,
			@RequestParam String kind, @RequestParam(required = false) String industry,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		AccountId id = accounts.create(new NewAccount(name, shortName, AccountForms.kind(kind), industry, null), actor);
		if (!me.can(Permission.ACCOUNT_VIEW_ALL)) {
			accounts.assign(id, Map.of(me.userId(), "manager"), actor);
		}
		redirect.addFlashAttribute("notice", "account.created");
		return "redirect:/accounts/" + id.value();
	}

	@PostMapping("/{id}")
	@PreAuthorize("hasAuthority('account.edit')")
	String update(@PathVariable long id, @RequestParam String name, @RequestParam(required = false) String shortName,
			@RequestParam String kind, @RequestParam(required = false) String industry,
			@RequestParam(required = false) String note, @RequestParam(defaultValue = "active") String status,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		accounts.update(new AccountId(id), new NewAccount(name, shortName, AccountForms.kind(kind), industry, note),
				status, Viewer.of(me), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/accounts/" + id;
	}

	@PostMapping("/{id}/managers")
	@PreAuthorize("hasAuthority('account.assign')")
	String managers(@PathVariable long id, @RequestParam Map<String, String> params, @AuthenticationPrincipal CurrentUser me,
			Actor actor, RedirectAttributes redirect) {
		accounts.get(new AccountId(id), Viewer.of(me));
		Map<UserId, String> managers = new LinkedHashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith("role-") && !value.isBlank()) {
				managers.put(new UserId(Long.parseLong(key.substring(5))), value);
			}
		});
		accounts.assign(new AccountId(id), managers, actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/accounts/" + id + "#managers";
	}

	@PostMapping("/{id}/contacts")
	@PreAuthorize("hasAuthority('account.edit')")
	String addContact(@PathVariable long id, @RequestParam String name, @RequestParam(required = false) String role,
			@RequestParam(required = false) String phone, @RequestParam(required = false) String email,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		contacts.addContact(new AccountId(id), new ContactDetailsForm(name, role, phone, email), Viewer.of(me), actor);
		redirect.addFlashAttribute("notice", "account.contact-added");
		return "redirect:/accounts/" + id + "#contacts";
	}

	@PostMapping("/{id}/contacts/{contact}")
	@PreAuthorize("hasAuthority('account.edit')")
	String updateContact(@PathVariable long id, @PathVariable long contact, @RequestParam String name,
			@RequestParam(required = false) String role, @RequestParam(required = false) String phone,
			@RequestParam(required = false) String email, @RequestParam(defaultValue = "false") boolean active,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		contacts.updateContact(new AccountId(id), contact, new ContactDetailsForm(name, role, phone, email), active,
				Viewer.of(me), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/accounts/" + id + "#contacts";
	}

	@PostMapping("/{id}/addresses")
	@PreAuthorize("hasAuthority('account.edit')")
	String addAddress(@PathVariable long id, @RequestParam String party, @RequestParam String name,
			@RequestParam String address, @RequestParam(required = false) String contactName,
			@RequestParam(required = false) String phone, @AuthenticationPrincipal CurrentUser me, Actor actor,
			RedirectAttributes redirect) {
		contacts.addAddress(new AccountId(id), new AddressForm(party, name, address, contactName, phone), Viewer.of(me),
				actor);
		redirect.addFlashAttribute("notice", "account.address-added");
		return "redirect:/accounts/" + id + "#addresses";
	}

	@PostMapping("/{id}/addresses/{address}")
	@PreAuthorize("hasAuthority('account.edit')")
	String updateAddress(@PathVariable long id, @PathVariable long address, @RequestParam String party,
			@RequestParam String name, @RequestParam("address") String text,
			@RequestParam(required = false) String contactName, @RequestParam(required = false) String phone,
			@RequestParam(defaultValue = "false") boolean active, @AuthenticationPrincipal CurrentUser me, Actor actor,
			RedirectAttributes redirect) {
		contacts.updateAddress(new AccountId(id), address, new AddressForm(party, name, text, contactName, phone), active,
				Viewer.of(me), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/accounts/" + id + "#addresses";
	}

	@GetMapping("/changes")
	@Transactional(readOnly = true)
	String changes(@RequestParam(required = false) String month, @AuthenticationPrincipal CurrentUser me, Model model) {
		YearMonth m = month == null || month.isBlank() ? contacts.currentMonth() : month(month);
		model.addAttribute("month", m.toString());
		model.addAttribute("previous", m.minusMonths(1).toString());
		model.addAttribute("next", m.plusMonths(1).toString());
		model.addAttribute("changes", contacts.changes(m, Viewer.of(me)));
		return "account/changes";
	}

	static YearMonth month(String month) {
		if (month == null || month.isBlank()) {
			return null;
		}
		try {
			return YearMonth.parse(month.strip());
		}
		catch (DateTimeParseException e) {
			throw new InvalidInputException("account.month-invalid", month);
		}
	}
}
