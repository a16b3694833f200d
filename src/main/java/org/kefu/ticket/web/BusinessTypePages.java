package org.kefu.ticket.web;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.kefu.shared.Actor;
import org.kefu.ticket.BusinessType;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.TicketField;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Business types: the administration page and the API. */
@Controller
class BusinessTypePages {

	private final BusinessTypes types;

	BusinessTypePages(BusinessTypes types) {
		this.types = types;
	}

	@GetMapping("/admin/business-types")
	String list(Model model) {
		model.addAttribute("types", types.all());
		model.addAttribute("usage", types.usage());
		model.addAttribute("fields", types.allFields().stream()
			.collect(java.util.stream.Collectors.groupingBy(TicketField::businessType)));
		model.addAttribute("kinds", TicketField.KINDS);
		return "ticket/business-types";
	}

	@PostMapping("/admin/business-types/{code}/fields")
	String addField(@PathVariable String code, @RequestParam String key, @RequestParam String labelZh,
			@RequestParam String labelEn, @RequestParam String kind, @RequestParam(required = false) String options,
			@RequestParam(defaultValue = "false") boolean required, @RequestParam(defaultValue = "100") int sortOrder,
			Actor actor, RedirectAttributes redirect) {
		types.addField(code, key.trim(), labelZh, labelEn, kind, splitOptions(options), required, sortOrder, actor);
		redirect.addFlashAttribute("notice", "business-type.field-added");
		return "redirect:/admin/business-types#fields-" + code;
	}

	@PostMapping("/admin/business-types/fields/{id}")
	String updateField(@PathVariable long id, @RequestParam String labelZh, @RequestParam String labelEn,
			@RequestParam(required = false) String options, @RequestParam(defaultValue = "false") boolean required,
			@RequestParam(defaultValue = "100") int sortOrder, @RequestParam(defaultValue = "false") boolean active,
			@RequestParam String code, Actor actor, RedirectAttributes redirect) {
		types.updateField(id, labelZh, labelEn, splitOptions(options), required, sortOrder, active, actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/business-types#fields-" + code;
	}

	private static List<String> splitOptions(String options) {
		return options == null ? List.of() : List.of(options.split("[,，\\n]"));
	}

	@PostMapping("/admin/business-types")
	String create(@RequestParam String code, @RequestParam String nameZh, @RequestParam String nameEn,
			@RequestParam(defaultValue = "100") int sortOrder, Actor actor, RedirectAttributes redirect) {
		types.create(code.trim(), nameZh, nameEn, sortOrder, actor);
		redirect.addFlashAttribute("notice", "business-type.created");
		return "redirect:/admin/business-types";
	}

	@PostMapping("/admin/business-types/{code}")
	String update(@PathVariable String code, @RequestParam String nameZh, @RequestParam String nameEn,
			@RequestParam(defaultValue = "false") boolean active, @RequestParam(defaultValue = "100") int sortOrder,
			Actor actor, RedirectAttributes redirect) {
		types.update(code, nameZh, nameEn, active, sortOrder, actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/business-types";
	}
}

@org.springframework.web.bind.annotation.RestController
@Tag(name = "Business types", description = "The kinds of customer issue tickets are sorted into")
class BusinessTypeApi {

	private final BusinessTypes types;

	BusinessTypeApi(BusinessTypes types) {
		this.types = types;
	}

	record NewBusinessType(@NotBlank String code, @NotBlank String nameZh, @NotBlank String nameEn, Integer sortOrder) {
	}

	@GetMapping("/api/v1/business-types")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "The business types, with their codes for the ticket API")
	List<BusinessType> all() {
		return types.all();
	}

	@GetMapping("/api/v1/business-types/{code}/fields")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "The custom fields a business type's tickets carry")
	List<TicketField> fields(@org.springframework.web.bind.annotation.PathVariable String code) {
		types.find(code).orElseThrow(() -> new org.kefu.shared.NotFoundException("ticket.business-type-not-found", code));
		return types.fields(code);
	}

	@PostMapping("/api/v1/business-types")
	@PreAuthorize("hasAuthority('business_type.manage')")
	@Operation(summary = "Add a business type")
	ResponseEntity<BusinessType> add(@Valid @RequestBody NewBusinessType request, Actor actor, Locale locale) {
		BusinessType created = types.create(request.code(), request.nameZh(), request.nameEn(),
				request.sortOrder() == null ? 100 : request.sortOrder(), actor);
		return ResponseEntity.created(java.net.URI.create("/api/v1/business-types")).body(created);
	}
}
