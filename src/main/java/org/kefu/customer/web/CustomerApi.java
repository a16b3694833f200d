package org.kefu.customer.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.kefu.customer.CustomerId;
import org.kefu.customer.CustomerMerges;
import org.kefu.customer.CustomerProfile;
import org.kefu.customer.CustomerSearch;
import org.kefu.customer.CustomerTags;
import org.kefu.customer.CustomerView;
import org.kefu.customer.Customers;
import org.kefu.customer.Identity;
import org.kefu.customer.NewCustomer;
import org.kefu.customer.NewIdentity;
import org.kefu.customer.Timeline;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.platform.IdempotentRequests;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.Slice;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer archive over the API. Contact details are masked for roles without
 * {@code customer.contact_details}, as on the pages.
 */
@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers", description = "The customer archive: customers, their identities, tags, merges, timeline")
class CustomerApi {

	private final Customers customers;
	private final CustomerSearch search;
	private final CustomerTags tags;
	private final CustomerMerges merges;
	private final Timeline timeline;
	private final IdempotentRequests idempotency;

	CustomerApi(Customers customers, CustomerSearch search, CustomerTags tags, CustomerMerges merges, Timeline timeline,
			IdempotentRequests idempotency) {
		this.customers = customers;
		this.search = search;
		this.tags = tags;
		this.merges = merges;
		this.timeline = timeline;
		this.idempotency = idempotency;
	}

	record IdentityBody(@NotBlank String type, @NotBlank @Size(max = 254) String value) {
	}

	record CreateCustomer(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String note,
			List<@Valid IdentityBody> identities) {
	}

	record CustomerSummary(long id, String name, String email, String phone, Instant createdAt) {

		static CustomerSummary of(CustomerView c) {
			return new CustomerSummary(c.id().value(), c.name(), c.email(), c.phone(), c.createdAt());
		}
	}

	record CustomerResponse(long id, String name, String email, String phone, String note, Instant createdAt,
			List<Identity> identities, List<CustomerProfile.Tag> tags, Long mergedInto,
			List<CustomerProfile.Merge> merges) {

		static CustomerResponse of(CustomerProfile p) {
			return new CustomerResponse(p.customer().id().value(), p.customer().name(), p.customer().email(),
					p.customer().phone(), p.note(), p.customer().createdAt(), p.identities(), p.tags(),
					p.mergedInto() == null ? null : p.mergedInto().value(), p.merges());
		}
	}

	record Page<T>(List<T> items, String nextCursor) {
	}

	record TagBody(@NotBlank String tag) {
	}

	record MergeBody(@NotNull Long into) {
	}

	record MergeResponse(long merge, long customer) {
	}

	@GetMapping
	@PreAuthorize("hasAuthority('customer.view')")
	@Transactional(readOnly = true)
	@Operation(summary = "Find customers", description = """
			With `identity`, the customer one phone number, email address, chat visitor id or IM id belongs to
			(normalised as when stored: `+86 138-0013-8000` finds `13800138000`), optionally of one `type`.
			Otherwise customers by name or identity (`q`) and tags (`tag`, `without`, repeatable), newest first,
			a page at a time.""")
	Page<CustomerSummary> list(@RequestParam(required = false) String identity,
			@Parameter(description = "phone, email, chat or im") @RequestParam(required = false) String type,
			@RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
			@Parameter(description = "only customers carrying all these tags") @RequestParam(name = "tag", required = false) List<String> tagged,
			@Parameter(description = "only customers carrying none of these tags") @RequestParam(name = "without", required = false) List<String> without,
			@RequestParam(defaultValue = "25") int limit, @AuthenticationPrincipal CurrentUser me) {
		boolean reveal = me.can(Permission.CUSTOMER_CONTACT_DETAILS);
		if (identity != null) {
			return new Page<>(customers.findByIdentity(type == null ? null : CustomerPages.identityType(type), identity)
				.map(c -> List.of(CustomerSummary.of(c.maskedUnless(reveal)))).orElse(List.of()), null);
		}
		if (limit < 1 || limit > 100) {
			throw new InvalidInputException("api.limit-invalid", 100);
		}
		Slice<CustomerView> page = search.list(org.kefu.customer.CustomerFilter.of(q, tagged, without), cursor, limit);
		return new Page<>(page.items().stream().map(c -> CustomerSummary.of(c.maskedUnless(reveal))).toList(),
				page.nextCursor());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('customer.view')")
	@Transactional(readOnly = true)
	@Operation(summary = "One customer with identities, tags and merges")
	CustomerResponse get(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
		return CustomerResponse.of(customers.profile(new CustomerId(id))
			.maskedUnless(me.can(Permission.CUSTOMER_CONTACT_DETAILS)));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('customer.edit')")
	@Transactional
	@Operation(summary = "Record a customer", description = """
			An identity another customer already has is refused with 409, naming that customer in
			`existingCustomer`.""")
	ResponseEntity<?> create(@Valid @RequestBody CreateCustomer request,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		return idempotency.once("customer:" + me.id(), key, request, () -> {
			List<NewIdentity> identities = request.identities() == null ? List.of()
					: request.identities().stream()
						.map(i -> new NewIdentity(CustomerPages.identityType(i.type()), i.value())).toList();
			CustomerId id = customers.create(new NewCustomer(request.name(), request.note(), identities), actor);
			return ResponseEntity.created(URI.create("/api/v1/customers/" + id.value()))
				.body(CustomerResponse.of(customers.profile(id).maskedUnless(me.can(Permission.CUSTOMER_CONTACT_DETAILS))));
		});
	}

	@PostMapping("/{id}/identities")
	@PreAuthorize("hasAuthority('customer.edit')")
	@Transactional
	@Operation(summary = "Give a customer another identity")
	ResponseEntity<Identity> addIdentity(@PathVariable long id, @Valid @RequestBody IdentityBody request, Actor actor,
			@AuthenticationPrincipal CurrentUser me) {
		Identity identity = customers.addIdentity(new CustomerId(id),
				new NewIdentity(CustomerPages.identityType(request.type()), request.value()), actor);
		return ResponseEntity.status(201)
			.body(me.can(Permission.CUSTOMER_CONTACT_DETAILS) ? identity : identity.masked());
	}

	@DeleteMapping("/{id}/identities/{identity}")
	@PreAuthorize("hasAuthority('customer.edit')")
	@Transactional
	@Operation(summary = "Take an identity away from a customer")
	ResponseEntity<Void> removeIdentity(@PathVariable long id, @PathVariable long identity, Actor actor) {
		customers.removeIdentity(new CustomerId(id), identity, actor);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/tags")
	@PreAuthorize("hasAuthority('customer.edit')")
	@Transactional
	@Operation(summary = "Tag a customer")
	ResponseEntity<Void> tag(@PathVariable long id, @Valid @RequestBody TagBody request, Actor actor) {
		customers.get(new CustomerId(id));
		tags.add(new CustomerId(id), request.tag(), actor);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{id}/tags/{tag}")
	@PreAuthorize("hasAuthority('customer.edit')")
	@Transactional
	@Operation(summary = "Take a tag away")
	ResponseEntity<Void> untag(@PathVariable long id, @PathVariable String tag, Actor actor) {
		tags.remove(new CustomerId(id), tag, actor);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/merge")
	@PreAuthorize("hasAuthority('customer.merge')")
	@Transactional
	@Operation(summary = "Merge this customer (a duplicate) into another", description = "Returns the merge's id, to undo it.")
	MergeResponse merge(@PathVariable long id, @Valid @RequestBody MergeBody request, Actor actor) {
		long merge = merges.merge(new CustomerId(id), new CustomerId(request.into()), actor);
		return new MergeResponse(merge, request.into());
	}

	@PostMapping("/merges/{merge}/undo")
	@PreAuthorize("hasAuthority('customer.merge')")
	@Transactional
	@Operation(summary = "Undo a merge")
	MergeResponse undo(@PathVariable long merge, Actor actor) {
		return new MergeResponse(merge, merges.undo(merge, actor).value());
	}

	@GetMapping("/{id}/timeline")
	@PreAuthorize("hasAuthority('customer.view')")
	@Transactional(readOnly = true)
	@Operation(summary = "What happened with a customer (and those merged into them), newest first")
	Page<Timeline.Entry> timeline(@PathVariable long id, @RequestParam(required = false) String cursor) {
		var page = timeline.of(customers.history(new CustomerId(id)), cursor, 50);
		return new Page<>(page.items(), page.nextCursor());
	}

	@GetMapping("/duplicates")
	@PreAuthorize("hasAuthority('customer.merge')")
	@Transactional(readOnly = true)
	@Operation(summary = "Customers that look like duplicates (shared phone or email)")
	List<CustomerMerges.Duplicate> duplicates(@AuthenticationPrincipal CurrentUser me) {
		boolean reveal = me.can(Permission.CUSTOMER_CONTACT_DETAILS);
		return merges.duplicates(200).stream()
			.map(d -> new CustomerMerges.Duplicate(d.first().maskedUnless(reveal), d.second().maskedUnless(reveal),
					d.reason()))
			.toList();
	}
}
