package org.kefu.customer.web;

import java.util.Arrays;

import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerId;
import org.kefu.customer.CustomerMerges;
import org.kefu.customer.CustomerProfile;
import org.kefu.customer.CustomerSearch;
import org.kefu.customer.CustomerTags;
import org.kefu.customer.CustomerView;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.customer.NewIdentity;
import org.kefu.customer.Timeline;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.Slice;

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

/**
 * The customer archive's pages: the list, and a customer's 360 page with identities, tags,
 * merges, tickets (from the ticket module's fragment) and timeline. Phone numbers and email
 * addresses are masked for roles without {@code customer.contact_details}.
 */
@Controller
@RequestMapping("/customers")
class CustomerPages {

	private final Customers customers;
	private final CustomerSearch search;
	private final CustomerTags tags;
	private final CustomerMerges merges;
	private final Timeline timeline;

	CustomerPages(Customers customers, CustomerSearch search, CustomerTags tags, CustomerMerges merges, Timeline timeline) {
		this.customers = customers;
		this.search = search;
		this.tags = tags;
		this.merges = merges;
		this.timeline = timeline;
	}

	@GetMapping
	@Transactional(readOnly = true)
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
			@RequestParam(name = "tag", required = false) java.util.List<String> tagged,
			@RequestParam(name = "without", required = false) java.util.List<String> without,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		org.kefu.customer.CustomerFilter filter = org.kefu.customer.CustomerFilter.of(q, tagged, without);
		Slice<CustomerView> page = search.list(filter, cursor, 25);
		model.addAttribute("filter", filter);
		model.addAttribute("matching", filter.isEmpty() ? null : search.count(filter));
		java.util.Map<String, String> tagLinks = new java.util.LinkedHashMap<>();
		tags.counts().entrySet().stream().filter(e -> !filter.tags().contains(e.getKey())).limit(30).forEach(e -> {
			var link = org.springframework.web.util.UriComponentsBuilder.fromPath("/customers");
			if (q != null && !q.isBlank()) {
				link.queryParam("q", q);
			}
			filter.tags().forEach(t -> link.queryParam("tag", t));
			link.queryParam("tag", e.getKey());
			filter.withoutTags().forEach(t -> link.queryParam("without", t));
			tagLinks.put(e.getKey() + " · " + e.getValue(), link.encode().build().toUriString());
		});
		model.addAttribute("tagLinks", tagLinks);
		boolean reveal = me.can(Permission.CUSTOMER_CONTACT_DETAILS);
		model.addAttribute("customers", page.items().stream().map(c -> c.maskedUnless(reveal)).toList());
		model.addAttribute("tags", tags.of(page.items().stream().map(CustomerView::id).toList()));
		model.addAttribute("nextCursor", page.nextCursor());
		model.addAttribute("q", q);
		model.addAttribute("cursor", cursor);
		return "customer/customers";
	}

	@GetMapping("/{id}")
	@Transactional(readOnly = true)
	String show(@PathVariable long id, @RequestParam(required = false) String after,
			@AuthenticationPrincipal CurrentUser me, Model model, RedirectAttributes redirect) {
		CustomerProfile profile = customers.profile(new CustomerId(id));
		if (profile.mergedInto() != null) {
			redirect.addFlashAttribute("notice", "customer.was-merged");
			return "redirect:/customers/" + profile.mergedInto().value();
		}
		var history = customers.history(new CustomerId(id));
		var entries = timeline.of(history, after, 30);
		model.addAttribute("profile", profile.maskedUnless(me.can(Permission.CUSTOMER_CONTACT_DETAILS)));
		model.addAttribute("timeline", entries.items());
		model.addAttribute("timelineNext", entries.nextCursor());
		model.addAttribute("identityTypes", IdentityType.values());
		return "customer/customer";
	}

	@PostMapping
	@PreAuthorize("hasAuthority('customer.edit')")
	String create(@RequestParam String name, @RequestParam(required = false) String email,
			@RequestParam(required = false) String phone, Actor actor, RedirectAttributes redirect) {
		CustomerId id = customers.create(new ContactDetails(name, email, phone), actor);
		redirect.addFlashAttribute("notice", "customer.created");
		return "redirect:/customers/" + id.value();
	}

	@PostMapping("/{id}")
	@PreAuthorize("hasAuthority('customer.edit')")
	String update(@PathVariable long id, @RequestParam String name, @RequestParam(required = false) String email,
			@RequestParam(required = false) String phone, @RequestParam(required = false) String note,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		CustomerView current = customers.get(new CustomerId(id));
		// a masked value sent back unchanged means "as it is", not a new number
		boolean reveal = me.can(Permission.CUSTOMER_CONTACT_DETAILS);
		String newEmail = !reveal && current.masked().email() != null && current.masked().email().equals(email)
				? current.email() : email;
		String newPhone = !reveal && current.masked().phone() != null && current.masked().phone().equals(phone)
				? current.phone() : phone;
		customers.update(new CustomerId(id), new ContactDetails(name, newEmail, newPhone), note == null ? "" : note,
				actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/customers/" + id;
	}

	@PostMapping("/{id}/identities")
	@PreAuthorize("hasAuthority('customer.edit')")
	String addIdentity(@PathVariable long id, @RequestParam String type, @RequestParam String value, Actor actor,
			RedirectAttributes redirect) {
		customers.addIdentity(new CustomerId(id), new NewIdentity(identityType(type), value), actor);
		redirect.addFlashAttribute("notice", "customer.identity-added");
		return "redirect:/customers/" + id;
	}

	@PostMapping("/{id}/identities/{identity}/remove")
	@PreAuthorize("hasAuthority('customer.edit')")
	String removeIdentity(@PathVariable long id, @PathVariable long identity, Actor actor, RedirectAttributes redirect) {
		customers.removeIdentity(new CustomerId(id), identity, actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/customers/" + id;
	}

	@PostMapping("/{id}/tags")
	@PreAuthorize("hasAuthority('customer.edit')")
	String tag(@PathVariable long id, @RequestParam String tag, Actor actor, RedirectAttributes redirect) {
		tags.add(new CustomerId(id), tag, actor);
		return "redirect:/customers/" + id;
	}

	@PostMapping("/{id}/tags/remove")
	@PreAuthorize("hasAuthority('customer.edit')")
	String untag(@PathVariable long id, @RequestParam String tag, Actor actor) {
		tags.remove(new CustomerId(id), tag, actor);
		return "redirect:/customers/" + id;
	}

	@PostMapping("/{id}/merge")
	@PreAuthorize("hasAuthority('customer.merge')")
	String merge(@PathVariable long id, @RequestParam long into, Actor actor, RedirectAttributes redirect) {
		merges.merge(new CustomerId(id), new CustomerId(into), actor);
		redirect.addFlashAttribute("notice", "customer.merged-now");
		return "redirect:/customers/" + into;
	}

	@PostMapping("/merges/{merge}/undo")
	@PreAuthorize("hasAuthority('customer.merge')")
	String undo(@PathVariable long merge, Actor actor, RedirectAttributes redirect) {
		CustomerId restored = merges.undo(merge, actor);
		redirect.addFlashAttribute("notice", "customer.unmerged-now");
		return "redirect:/customers/" + restored.value();
	}

	@GetMapping("/duplicates")
	@PreAuthorize("hasAuthority('customer.merge')")
	@Transactional(readOnly = true)
	String duplicates(@AuthenticationPrincipal CurrentUser me, Model model) {
		boolean reveal = me.can(Permission.CUSTOMER_CONTACT_DETAILS);
		model.addAttribute("duplicates", merges.duplicates(200).stream()
			.map(d -> new CustomerMerges.Duplicate(d.first().maskedUnless(reveal), d.second().maskedUnless(reveal),
					d.reason()))
			.toList());
		return "customer/duplicates";
	}

	static IdentityType identityType(String code) {
		try {
			return IdentityType.ofCode(code.strip());
		}
		catch (RuntimeException e) {
			throw new InvalidInputException("api.invalid-value", "type", code,
					String.join(", ", Arrays.stream(IdentityType.values()).map(IdentityType::code).toList()))
				.with("allowed", Arrays.stream(IdentityType.values()).map(IdentityType::code).toList());
		}
	}
}
