package org.kefu.grading.web;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.kefu.account.AccountId;
import org.kefu.account.Viewer;
import org.kefu.grading.Criterion;
import org.kefu.grading.GradePolicy;
import org.kefu.grading.GradeView;
import org.kefu.grading.Grading;
import org.kefu.grading.GradingPolicy;
import org.kefu.grading.Metrics;
import org.kefu.grading.Quarter;
import org.kefu.identity.CurrentUser;
import org.kefu.shared.Actor;
import org.kefu.shared.NotFoundException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Account grading over the API: the policy, an account's figures and grades, grading a quarter. */
@RestController
@Tag(name = "Grading", description = "Account grades 1–4 from revenue, margin, difficulty, staff and punctuality")
class GradingApi {

	private final Grading grading;

	GradingApi(Grading grading) {
		this.grading = grading;
	}

	record Policy(@NotNull Map<String, BigDecimal> weights, @NotNull BigDecimal tier1Min, @NotNull BigDecimal tier2Min,
			@NotNull BigDecimal tier3Min, List<GradePolicy> grades) {
	}

	record Figures(@NotNull BigDecimal revenue, @NotNull BigDecimal grossMargin, @Min(1) @Max(5) int difficulty,
			@NotNull BigDecimal staff, @NotNull BigDecimal punctuality) {
	}

	record Run(@NotNull String period) {
	}

	@GetMapping("/api/v1/grading/policy")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all', 'account.grade')")
	@Operation(summary = "The grading weights, thresholds and what each grade means for service")
	Policy policy() {
		GradingPolicy p = grading.policy();
		Map<String, BigDecimal> weights = new java.util.LinkedHashMap<>();
		p.weights().forEach((c, w) -> weights.put(c.code(), w));
		return new Policy(weights, p.tier1Min(), p.tier2Min(), p.tier3Min(), grading.gradePolicies());
	}

	@PutMapping("/api/v1/grading/policy")
	@PreAuthorize("hasAuthority('account.grade')")
	@Operation(summary = "Set the weights (revenue, gross_margin, difficulty, staff, punctuality) and thresholds")
	Policy setPolicy(@Valid @RequestBody Policy request, Actor actor) {
		Map<Criterion, BigDecimal> weights = new EnumMap<>(Criterion.class);
		for (Criterion c : Criterion.values()) {
			weights.put(c, request.weights().get(c.code()));
		}
		grading.setPolicy(new GradingPolicy(weights, request.tier1Min(), request.tier2Min(), request.tier3Min()), actor);
		return policy();
	}

	@GetMapping("/api/v1/accounts/{id}/figures/{period}")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Operation(summary = "An account's figures for a quarter (e.g. 2026-Q3)")
	Metrics figures(@PathVariable long id, @PathVariable String period, @AuthenticationPrincipal CurrentUser me) {
		return grading.metrics(new AccountId(id), Quarter.parse(period), Viewer.of(me))
			.orElseThrow(() -> new NotFoundException("grading.figures-not-found", period));
	}

	@PutMapping("/api/v1/accounts/{id}/figures/{period}")
	@PreAuthorize("hasAuthority('account.grade')")
	@Operation(summary = "Record an account's figures for a quarter", description = """
			grossMargin and punctuality in per cent, difficulty 1 (easy) to 5 (hardest), staff in full-time
			equivalents. Recording again replaces the figures.""")
	Metrics record(@PathVariable long id, @PathVariable String period, @Valid @RequestBody Figures request,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		AccountId account = new AccountId(id);
		grading.record(account, Quarter.parse(period), new Metrics(request.revenue(), request.grossMargin(),
				request.difficulty(), request.staff(), request.punctuality()), Viewer.of(me), actor);
		return grading.metrics(account, Quarter.parse(period), Viewer.of(me)).orElseThrow();
	}

	@GetMapping("/api/v1/accounts/{id}/grades")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Operation(summary = "An account's grades with their reasons, newest first")
	List<GradeView> history(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
		return grading.history(new AccountId(id), Viewer.of(me));
	}

	@GetMapping("/api/v1/grading/grades")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Operation(summary = "The grades of a quarter, of the accounts the caller may see, best first")
	List<GradeView> grades(@RequestParam String period, @AuthenticationPrincipal CurrentUser me) {
		return grading.of(Quarter.parse(period), Viewer.of(me));
	}

	@PostMapping("/api/v1/grading/runs")
	@PreAuthorize("hasAuthority('account.grade')")
	@Operation(summary = "Grade a quarter now", description = """
			Grades every active account with figures for the quarter against the others; the quarterly run
			does the same on the 10th day of the next quarter. Returns the grades given.""")
	List<GradeView> run(@Valid @RequestBody Run request, @AuthenticationPrincipal CurrentUser me, Actor actor) {
		Quarter period = Quarter.parse(request.period());
		grading.grade(period, "on_demand", actor);
		return grading.of(period, Viewer.of(me));
	}
}
