package org.kefu.onboarding.web;

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
import org.kefu.identity.CurrentUser;
import org.kefu.onboarding.OnboardingView;
import org.kefu.onboarding.Onboardings;
import org.kefu.shared.Actor;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Onboarding checklists over the API. */
@RestController
@Tag(name = "Onboarding", description = "Launch checklists of new business and the hand-over to operations")
class OnboardingApi {

	private final Onboardings onboardings;

	OnboardingApi(Onboardings onboardings) {
		this.onboardings = onboardings;
	}

	record Open(@NotBlank String title) {
	}

	record LaunchNotice(@NotNull LocalDate launchOn) {
	}

	record Requirements(@NotBlank String text) {
	}

	record Training(@NotNull LocalDate on, @NotNull Integer score, String trainees) {
	}

	record Note(LocalDate on, @NotBlank String text) {
	}

	record HandOver(@NotBlank String to, String note) {
	}

	@GetMapping("/api/v1/onboardings")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Operation(summary = "Onboarding checklists of the accounts the caller may see")
	List<OnboardingView> list(@RequestParam(defaultValue = "true") boolean open, @AuthenticationPrincipal CurrentUser me) {
		return onboardings.list(open, Viewer.of(me));
	}

	@PostMapping("/api/v1/accounts/{id}/onboardings")
	@PreAuthorize("hasAuthority('account.edit')")
	@Operation(summary = "Open a checklist for new business (approved business lines get one by themselves)")
	ResponseEntity<OnboardingView> open(@PathVariable long id, @Valid @RequestBody Open request,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		long created = onboardings.open(new AccountId(id), null, request.title(), Viewer.of(me), actor);
		return ResponseEntity.created(URI.create("/api/v1/onboardings/" + created))
			.body(onboardings.get(created, Viewer.of(me)));
	}

	@GetMapping("/api/v1/onboardings/{id}")
	@PreAuthorize("hasAnyAuthority('account.view', 'account.view_all')")
	@Operation(summary = "A checklist with each step done or what it misses")
	OnboardingView get(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
		return onboardings.get(id, Viewer.of(me));
	}

	@PostMapping("/api/v1/onboardings/{id}/launch-notice")
	@PreAuthorize("hasAuthority('account.edit')")
	@Operation(summary = "Send the launch notice to operations (a notice and the onboarding.launched webhook)")
	OnboardingView notice(@PathVariable long id, @Valid @RequestBody LaunchNotice request,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		onboardings.sendLaunchNotice(id, request.launchOn(), Viewer.of(me), actor);
		return onboardings.get(id, Viewer.of(me));
	}

	@PutMapping("/api/v1/onboardings/{id}/requirements")
	@PreAuthorize("hasAuthority('account.edit')")
	@Operation(summary = "Write the customer's operating requirements")
	OnboardingView requirements(@PathVariable long id, @Valid @RequestBody Requirements request,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		onboardings.writeRequirements(id, request.text(), Viewer.of(me), actor);
		return onboardings.get(id, Viewer.of(me));
	}

	@PostMapping("/api/v1/onboardings/{id}/training")
	@PreAuthorize("hasAuthority('account.edit')")
	@Operation(summary = "Record the operations training and its test score (0–100)")
	OnboardingView training(@PathVariable long id, @Valid @RequestBody Training request,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		onboardings.recordTraining(id, request.on(), request.score(), request.trainees(), Viewer.of(me), actor);
		return onboardings.get(id, Viewer.of(me));
	}

	@PostMapping("/api/v1/onboardings/{id}/notes")
	@PreAuthorize("hasAuthority('account.edit')")
	@Operation(summary = "Add a dated follow-up note")
	OnboardingView note(@PathVariable long id, @Valid @RequestBody Note request, @AuthenticationPrincipal CurrentUser me,
			Actor actor) {
		onboardings.addNote(id, request.on(), request.text(), Viewer.of(me), actor);
		return onboardings.get(id, Viewer.of(me));
	}

	@PostMapping("/api/v1/onboardings/{id}/hand-over")
	@PreAuthorize("hasAuthority('account.edit')")
	@Operation(summary = "Hand the business over to operations", description = """
			Refused with 409 and `missing` (launch_notice, requirements, training, follow_up) until every
			step is done.""")
	OnboardingView handOver(@PathVariable long id, @Valid @RequestBody HandOver request,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		onboardings.handOver(id, request.to(), request.note(), Viewer.of(me), actor);
		return onboardings.get(id, Viewer.of(me));
	}
}
