package org.kefu.customer.web;

import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerId;
import org.kefu.customer.Customers;
import org.kefu.shared.Actor;
import org.kefu.shared.Slice;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The customer list and a customer's page; their tickets are shown by the ticket module's fragment. */
@Controller
@RequestMapping("/customers")
class CustomerPages {

	private final Customers customers;

	CustomerPages(Customers customers) {
		this.customers = customers;
	}

	@GetMapping
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
			Model model) {
		Slice<org.kefu.customer.CustomerView> page = customers.list(q, cursor, 25);
		model.addAttribute("customers", page.items());
		model.addAttribute("nextCursor", page.nextCursor());
		model.addAttribute("q", q);
		model.addAttribute("cursor", cursor);
		return "customer/customers";
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("customer", customers.get(new CustomerId(id)));
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
			@RequestParam(required = false) String phone, Actor actor, RedirectAttributes redirect) {
		customers.update(new CustomerId(id), new ContactDetails(name, email, phone), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/customers/" + id;
	}
}
