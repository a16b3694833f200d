package org.kefu.contract.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

import org.kefu.account.AccountId;
import org.kefu.account.Viewer;
import org.kefu.contract.Contracts;
import org.kefu.identity.CurrentUser;
import org.kefu.platform.Downloads;
import org.kefu.platform.FormValues;
import org.kefu.shared.Actor;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The contract register's pages: an account's contracts, a contract, what expires soon, unregistered prices. */
@Controller
class ContractPages {

	private final Contracts contracts;

	ContractPages(Contracts contracts) {
		this.contracts = contracts;
	}

	@GetMapping("/accounts/{id}/contracts")
	@Transactional(readOnly = true)
	String ofAccount(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("contracts", contracts.of(new AccountId(id), Viewer.of(me)));
		model.addAttribute("accountId", id);
		model.addAttribute("today", contracts.today());
		return "contract/account-contracts :: list";
	}

	@PostMapping("/accounts/{id}/contracts")
	@PreAuthorize("hasAuthority('account.edit')")
	String register(@PathVariable long id, @RequestParam String kind, @RequestParam(required = false) String number,
			@RequestParam String title, @RequestParam String validFrom, @RequestParam String validTo,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		long contract = contracts.register(new AccountId(id), new Contracts.NewContract(kind, number, title,
				FormValues.date("validFrom", validFrom), FormValues.date("validTo", validTo), null), Viewer.of(me), actor);
		redirect.addFlashAttribute("notice", "contract.registered");
		return "redirect:/contracts/" + contract;
	}

	@GetMapping("/contracts/{id}")
	@Transactional(readOnly = true)
	String show(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("contract", contracts.get(id, Viewer.of(me)));
		model.addAttribute("today", contracts.today());
		return "contract/contract";
	}

	@PostMapping("/contracts/{id}/documents")
	@PreAuthorize("hasAuthority('account.edit')")
	String upload(@PathVariable long id, @RequestParam("file") MultipartFile file,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		try {
			contracts.addDocument(id, file.getOriginalFilename(), file.getInputStream(), Viewer.of(me), actor);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		redirect.addFlashAttribute("notice", "contract.document-added");
		return "redirect:/contracts/" + id;
	}

	@GetMapping("/contracts/{id}/documents/{document}")
	ResponseEntity<Resource> download(@PathVariable long id, @PathVariable long document,
			@AuthenticationPrincipal CurrentUser me) {
		Contracts.DocumentFile file = contracts.document(id, document, Viewer.of(me));
		return Downloads.of(file.path(), file.document().filename(), file.document().contentType(),
				file.document().size());
	}

	@PostMapping("/contracts/{id}/prices")
	@PreAuthorize("hasAuthority('account.edit')")
	String price(@PathVariable long id, @RequestParam String item, @RequestParam String unit,
			@RequestParam String price, @RequestParam(required = false) String currency,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		BigDecimal amount = FormValues.decimal(price, "contract.price-invalid");
		contracts.registerPrice(id, new Contracts.NewPrice(item, unit, amount, currency), Viewer.of(me), actor);
		redirect.addFlashAttribute("notice", "contract.price-registered");
		return "redirect:/contracts/" + id + "#prices";
	}

	@PostMapping("/contracts/{id}/terminate")
	@PreAuthorize("hasAuthority('account.edit')")
	String terminate(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Actor actor,
			RedirectAttributes redirect) {
		contracts.terminate(id, Viewer.of(me), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/contracts/" + id;
	}

	@GetMapping("/contracts")
	@Transactional(readOnly = true)
	String expiring(@RequestParam(defaultValue = "60") int days, @AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("contracts", contracts.expiring(Math.max(1, Math.min(days, 366)), Viewer.of(me)));
		model.addAttribute("days", days);
		model.addAttribute("today", contracts.today());
		model.addAttribute("flagged", contracts.unregistered(Viewer.of(me)));
		return "contract/expiring";
	}
}
