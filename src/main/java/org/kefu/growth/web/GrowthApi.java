package org.kefu.growth.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.kefu.account.AccountId;
import org.kefu.account.Viewer;
import org.kefu.growth.BusinessLine;
import org.kefu.growth.Growth;
import org.kefu.growth.MonthFigures;
import org.kefu.growth.Progress;
import org.kefu.identity.CurrentUser;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Growth of existing accounts over the API. */
@RestController
@Tag(name = "Growth", description = "New business lines with approval, monthly revenue, targets per account manager")
class GrowthApi {

	private final Growth growth;
	private final IdempotentRequests idempotency;

	GrowthApi(Growth growth, IdempotentRequests idempotency) {
		this.growth = growth;
		this.idempotency = idempotency;
	}

	record ProposeLine(@NotBlank String name, String description, BigDecimal expectedMonthlyRevenue,
			@NotNull LocalDate startsOn) {
	}

	record Decision(boolean approve, String note) {
	}

	record Month(BigDecimal existing, Map<Long, BigDecimal> lines) {
	}

	record Target(@NotNull BigDecimal target) {
	}

	@GetMapping("/api/v1/accounts/{id}/business-lines")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Operation(summary = "An account's new business lines")
	List<BusinessLine> lines(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
		return growth.lines(new AccountId(id), Viewer.of(me));
	}

	@PostMapping("/api/v1/accounts/{id}/business-lines")
	@PreAuthorize("hasAuthority('account.edit')")
	@Transactional
	@Operation(summary = "Propose a new business line for approval", description = """
			The proposer owns the line: its revenue counts towards their target for the year `countsFor`
			(a line starting in November or December counts towards the next year).""")
	ResponseEntity<?> propose(@PathVariable long id, @Valid @RequestBody ProposeLine request,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		return idempotency.once("business-line:" + me.id() + ":" + id, key, request, () -> {
			long line = growth.propose(new AccountId(id), new Growth.NewLine(request.name(), request.description(),
					request.expectedMonthlyRevenue(), request.startsOn()), Viewer.of(me), actor);
			return ResponseEntity.created(URI.create("/api/v1/business-lines/" + line))
				.body(growth.line(line, Viewer.of(me)));
		});
	}

	@GetMapping("/api/v1/business-lines")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Operation(summary = "Lines waiting for a decision")
	List<BusinessLine> proposed(@AuthenticationPrincipal CurrentUser me) {
		return growth.proposed(Viewer.of(me));
	}

	@PostMapping("/api/v1/business-lines/{id}/decision")
	@PreAuthorize("hasAuthority('growth.approve')")
	@Operation(summary = "Approve or reject a proposed line", description = "A line already decided gives 409.")
	BusinessLine decide(@PathVariable long id, @RequestBody Decision request, @AuthenticationPrincipal CurrentUser me,
			Actor actor) {
		growth.decide(id, request.approve(), request.note(), Viewer.of(me), actor);
		return growth.line(id, Viewer.of(me));
	}

	@GetMapping("/api/v1/accounts/{id}/months")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Operation(summary = "An account's monthly revenue, existing and new business, newest first")
	List<MonthFigures> months(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
		return growth.months(new AccountId(id), Viewer.of(me));
	}

	@PutMapping("/api/v1/accounts/{id}/months/{month}")
	@PreAuthorize("hasAuthority('account.edit')")
	@Operation(summary = "Record a month's revenue (month like 2026-11)", description = """
			`existing`: revenue of the existing business; `lines`: revenue per approved business line id.""")
	List<MonthFigures> record(@PathVariable long id, @PathVariable String month, @RequestBody Month request,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		growth.recordMonth(new AccountId(id), month(month), request.existing(),
				request.lines() == null ? Map.of() : request.lines(), Viewer.of(me), actor);
		return growth.months(new AccountId(id), Viewer.of(me));
	}

	@PutMapping("/api/v1/growth/targets/{userId}/{year}")
	@PreAuthorize("hasAuthority('growth.approve')")
	@Operation(summary = "Set an account manager's new-business target for a year")
	List<Progress> target(@PathVariable long userId, @PathVariable int year, @Valid @RequestBody Target request,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		growth.setTarget(new UserId(userId), year, request.target(), actor);
		return growth.progress(year, Viewer.of(me));
	}

	@GetMapping("/api/v1/growth/progress")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Operation(summary = "New-business revenue against target per manager (one's own unless one sees all accounts)")
	List<Progress> progress(@RequestParam(required = false) Integer year, @AuthenticationPrincipal CurrentUser me) {
		return growth.progress(year == null ? growth.today().getYear() : year, Viewer.of(me));
	}

	static YearMonth month(String value) {
		try {
			return YearMonth.parse(value.strip());
		}
		catch (DateTimeParseException | NullPointerException e) {
			throw new InvalidInputException("account.month-invalid", value);
		}
	}
}
