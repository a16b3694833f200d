package org.kefu.contract.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.kefu.account.AccountId;
import org.kefu.account.Viewer;
import org.kefu.contract.ContractView;
import org.kefu.contract.Contracts;
import org.kefu.identity.CurrentUser;
import org.kefu.platform.IdempotentRequests;
import org.kefu.shared.Actor;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The contract register over the API, within the account archive's confidentiality. */
@RestController
@Tag(name = "Contracts", description = "Contracts, agreements and quotes of an account, their documents and prices")
class ContractApi {

	private final Contracts contracts;
	private final IdempotentRequests idempotency;

	ContractApi(Contracts contracts, IdempotentRequests idempotency) {
		this.contracts = contracts;
		this.idempotency = idempotency;
	}

	record RegisterContract(@NotBlank String kind, String number, @NotBlank String title, @NotNull LocalDate validFrom,
			@NotNull LocalDate validTo, String note) {
	}

	record RegisterPrice(@NotBlank String item, @NotBlank String unit, @NotNull BigDecimal price, String currency) {
	}

	record CheckPrice(@NotBlank String item, String unit, @NotNull BigDecimal price, LocalDate usedOn) {
	}

	@GetMapping("/api/v1/accounts/{id}/contracts")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Transactional(readOnly = true)
	@Operation(summary = "An account's contracts, agreements and quotes")
	List<ContractView> list(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
		return contracts.of(new AccountId(id), Viewer.of(me));
	}

	@PostMapping("/api/v1/accounts/{id}/contracts")
	@PreAuthorize("hasAuthority('account.edit')")
	@Transactional
	@Operation(summary = "Register a contract, agreement or quote", description = "kind: contract, agreement or quote.")
	ResponseEntity<?> register(@PathVariable long id, @Valid @RequestBody RegisterContract request,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		return idempotency.once("contract:" + me.id() + ":" + id, key, request, () -> {
			long contract = contracts.register(new AccountId(id), new Contracts.NewContract(request.kind(),
					request.number(), request.title(), request.validFrom(), request.validTo(), request.note()),
					Viewer.of(me), actor);
			return ResponseEntity.created(URI.create("/api/v1/contracts/" + contract))
				.body(contracts.get(contract, Viewer.of(me)));
		});
	}

	@GetMapping("/api/v1/contracts/{id}")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Transactional(readOnly = true)
	@Operation(summary = "One contract with its documents and prices")
	ContractView get(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
		return contracts.get(id, Viewer.of(me));
	}

	@PostMapping(path = "/api/v1/contracts/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('account.edit')")
	@Transactional
	@Operation(summary = "Attach a document (the signed contract, an annex)")
	ResponseEntity<ContractView> document(@PathVariable long id, @RequestParam("file") MultipartFile file,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		try {
			contracts.addDocument(id, file.getOriginalFilename(), file.getInputStream(), Viewer.of(me), actor);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return ResponseEntity.status(201).body(contracts.get(id, Viewer.of(me)));
	}

	@PostMapping("/api/v1/contracts/{id}/prices")
	@PreAuthorize("hasAuthority('account.edit')")
	@Transactional
	@Operation(summary = "Register a price (报备) before it is used")
	ResponseEntity<ContractView> price(@PathVariable long id, @Valid @RequestBody RegisterPrice request,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		contracts.registerPrice(id, new Contracts.NewPrice(request.item(), request.unit(), request.price(),
				request.currency()), Viewer.of(me), actor);
		return ResponseEntity.status(201).body(contracts.get(id, Viewer.of(me)));
	}

	@PostMapping("/api/v1/accounts/{id}/price-checks")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Transactional
	@Operation(summary = "Report a price as used and learn whether it was registered", description = """
			A price that matches no price registered in the account's contracts valid on `usedOn` is flagged
			(`registered: false`) and listed for the account's managers.""")
	Contracts.PriceCheck check(@PathVariable long id, @Valid @RequestBody CheckPrice request,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		return contracts.checkPrice(new AccountId(id), request.item(), request.unit(), request.price(),
				request.usedOn(), Viewer.of(me), actor);
	}

	@GetMapping("/api/v1/contracts/expiring")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Transactional(readOnly = true)
	@Operation(summary = "Active contracts of one's accounts that end within `days` (default 60)")
	List<ContractView> expiring(@RequestParam(defaultValue = "60") int days, @AuthenticationPrincipal CurrentUser me) {
		return contracts.expiring(Math.max(1, Math.min(days, 366)), Viewer.of(me));
	}
}
