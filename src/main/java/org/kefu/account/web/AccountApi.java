package org.kefu.account.web;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.kefu.account.AccountContacts;
import org.kefu.account.AccountId;
import org.kefu.account.AccountView;
import org.kefu.account.Accounts;
import org.kefu.account.AddressForm;
import org.kefu.account.ContactDetailsForm;
import org.kefu.account.NewAccount;
import org.kefu.account.Viewer;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.identity.UserId;
import org.kefu.platform.IdempotentRequests;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account archive over the API. An account the caller may not see answers 404, exactly as if
 * it did not exist; contact details are masked as on the pages; views and exports are audited.
 */
@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts", description = "Business accounts: confidential archives of shippers and consignees")
class AccountApi {

	private final Accounts accounts;
	private final AccountContacts contacts;
	private final IdempotentRequests idempotency;

	AccountApi(Accounts accounts, AccountContacts contacts, IdempotentRequests idempotency) {
		this.accounts = accounts;
		this.contacts = contacts;
		this.idempotency = idempotency;
	}

	record ContactBody(@NotBlank @Size(max = 100) String name, @Size(max = 100) String role, String phone,
			String email) {
	}

	record AddressBody(@NotBlank String party, @NotBlank @Size(max = 200) String name,
			@NotBlank @Size(max = 500) String address, String contactName, String phone) {
	}

	record CreateAccount(@NotBlank @Size(max = 200) String name, @Size(max = 60) String shortName,
			@NotBlank String kind, @Size(max = 100) String industry, @Size(max = 2000) String note,
			List<@Valid ContactBody> contacts, List<@Valid AddressBody> addresses) {
	}

	record ManagerBody(@NotNull Long userId, @NotBlank String role) {
	}

	record Managers(@NotNull List<@Valid ManagerBody> managers) {
	}

	record AccountSummary(long id, String name, String kind, String industry, String status, Integer tier,
			boolean keyAccount, List<String> managers) {
	}

	record AccountResponse(long id, String name, String shortName, String kind, String industry, String status,
			Integer tier, boolean keyAccount, String note, Instant createdAt, List<AccountView.Manager> managers,
			List<AccountView.Contact> contacts, List<AccountView.Address> addresses) {

		static AccountResponse of(AccountView a) {
			return new AccountResponse(a.id().value(), a.name(), a.shortName(), a.kind().code(), a.industry(),
					a.status(), a.tier(), a.keyAccount(), a.note(), a.createdAt(), a.managers(), a.contacts(),
					a.addresses());
		}
	}

	record Page<T>(List<T> items, String nextCursor) {
	}

	@GetMapping
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Transactional(readOnly = true)
	@Operation(summary = "The accounts the caller may see")
	Page<AccountSummary> list(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String tier, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "50") int limit, @AuthenticationPrincipal CurrentUser me) {
		if (limit < 1 || limit > 200) {
			throw new InvalidInputException("api.limit-invalid", 200);
		}
		var page = accounts.list(Viewer.of(me), q, AccountForms.kind(kind), AccountForms.tier(tier), cursor, limit);
		return new Page<>(page.items().stream().map(a -> new AccountSummary(a.id().value(), a.name(), a.kind().code(),
				a.industry(), a.status(), a.tier(), a.keyAccount(), a.managers())).toList(), page.nextCursor());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Transactional
	@Operation(summary = "One account's archive (the view is audited)")
	AccountResponse get(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Actor actor) {
		return AccountResponse.of(accounts.view(new AccountId(id), Viewer.of(me), actor));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('account.edit')")
	@Transactional
	@Operation(summary = "Record an account", description = "A caller who may not see all accounts becomes its manager.")
	ResponseEntity<?> create(@Valid @RequestBody CreateAccount request,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		return idempotency.once("account:" + me.id(), key, request, () -> {
			AccountId id = accounts.create(new NewAccount(request.name(), request.shortName(),
					AccountForms.kind(request.kind()), request.industry(), request.note()), actor);
			if (!me.can(Permission.ACCOUNT_VIEW_ALL)) {
				accounts.assign(id, Map.of(me.userId(), "manager"), actor);
			}
			Viewer viewer = Viewer.of(me);
			if (request.contacts() != null) {
				request.contacts().forEach(c -> contacts.addContact(id,
						new ContactDetailsForm(c.name(), c.role(), c.phone(), c.email()), viewer, actor));
			}
			if (request.addresses() != null) {
				request.addresses().forEach(a -> contacts.addAddress(id,
						new AddressForm(a.party(), a.name(), a.address(), a.contactName(), a.phone()), viewer, actor));
			}
			return ResponseEntity.created(URI.create("/api/v1/accounts/" + id.value()))
				.body(AccountResponse.of(accounts.get(id, viewer)));
		});
	}

	@PutMapping("/{id}/managers")
	@PreAuthorize("hasAuthority('account.assign')")
	@Transactional
	@Operation(summary = "Set who manages and assists the account", description = "Roles: manager, assistant.")
	AccountResponse managers(@PathVariable long id, @Valid @RequestBody Managers request,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		AccountId account = new AccountId(id);
		accounts.get(account, Viewer.of(me));
		Map<UserId, String> managers = new LinkedHashMap<>();
		request.managers().forEach(m -> managers.put(new UserId(m.userId()), m.role()));
		accounts.assign(account, managers, actor);
		return AccountResponse.of(accounts.get(account, Viewer.of(me)));
	}

	@PostMapping("/{id}/contacts")
	@PreAuthorize("hasAuthority('account.edit')")
	@Transactional
	@Operation(summary = "Add a contact person; operations is told at once")
	ResponseEntity<AccountResponse> addContact(@PathVariable long id, @Valid @RequestBody ContactBody c,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		contacts.addContact(new AccountId(id), new ContactDetailsForm(c.name(), c.role(), c.phone(), c.email()),
				Viewer.of(me), actor);
		return ResponseEntity.status(201).body(AccountResponse.of(accounts.get(new AccountId(id), Viewer.of(me))));
	}

	@PostMapping("/{id}/addresses")
	@PreAuthorize("hasAuthority('account.edit')")
	@Transactional
	@Operation(summary = "Add a shipper's, consignee's, billing or office address; operations is told at once")
	ResponseEntity<AccountResponse> addAddress(@PathVariable long id, @Valid @RequestBody AddressBody a,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		contacts.addAddress(new AccountId(id), new AddressForm(a.party(), a.name(), a.address(), a.contactName(),
				a.phone()), Viewer.of(me), actor);
		return ResponseEntity.status(201).body(AccountResponse.of(accounts.get(new AccountId(id), Viewer.of(me))));
	}

	@GetMapping("/changes")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Transactional(readOnly = true)
	@Operation(summary = "The monthly change report: contact and address changes of a month (month=2026-11)")
	List<AccountContacts.Change> changes(@RequestParam(required = false) String month, @AuthenticationPrincipal CurrentUser me) {
		return contacts.changes(month == null || month.isBlank() ? contacts.currentMonth() : AccountPages.month(month),
				Viewer.of(me));
	}
}
