package org.kefu.classify.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.classify.ContactClassifier;
import org.kefu.classify.ContactClassifier.ModelInfo;
import org.kefu.classify.ContactClassifier.Prediction;
import org.kefu.classify.Triage;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Classifying a text, training models, and the triage queue over the API. */
@RestController
@Tag(name = "Classification", description = "Business type (and team) of a contact from its words; triage")
class ClassifyApi {

	private final ContactClassifier classifier;
	private final Triage triage;
	private final Teams teams;

	ClassifyApi(ContactClassifier classifier, Triage triage, Teams teams) {
		this.classifier = classifier;
		this.triage = triage;
		this.teams = teams;
	}

	record Text(String text) {
	}

	record Classified(String businessType, Long team, String teamName, double confidence, boolean confident,
			int modelVersion, List<org.kefu.language.IntentClassifier.Guess> guesses) {
	}

	record Decision(String businessType, Long team) {
	}

	@PostMapping("/api/v1/classify")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "Predict a text's business type and team with a confidence; confident says whether it is at or "
			+ "above the threshold (below it, contacts go to triage). 409 when no model has been trained")
	Classified classify(@RequestBody Text text) {
		Prediction p = classifier.predict(text.text()).orElseThrow(() -> new ConflictException("classify.no-model"));
		String teamName = p.teamId() == null ? null
				: teams.find(new TeamId(p.teamId())).map(t -> t.name()).orElse(null);
		return new Classified(p.businessType(), p.teamId(), teamName, Math.round(p.confidence() * 1000) / 1000.0,
				p.confident(), p.modelVersion(), p.guesses());
	}

	@GetMapping("/api/v1/classify/models")
	@PreAuthorize("hasAuthority('classify.manage')")
	@Operation(summary = "Trained models, newest first, with their held-out accuracy")
	List<ModelInfo> models() {
		return classifier.models();
	}

	@PostMapping("/api/v1/classify/models")
	@PreAuthorize("hasAuthority('classify.manage')")
	@Operation(summary = "Train a new model from resolved tickets and make it active")
	ResponseEntity<ModelInfo> train(Actor actor) {
		return ResponseEntity.status(201).body(classifier.train(actor));
	}

	@GetMapping("/api/v1/triage")
	@PreAuthorize("hasAuthority('ticket.assign')")
	@Operation(summary = "Contacts waiting for a person to say what they are about, oldest first")
	List<Triage.Waiting> waiting() {
		return triage.waiting(200);
	}

	@PostMapping("/api/v1/triage/{ticketId}")
	@PreAuthorize("hasAuthority('ticket.assign')")
	@Operation(summary = "Decide a waiting contact's business type (and team)")
	ResponseEntity<Void> decide(@PathVariable long ticketId, @RequestBody Decision decision, Actor actor) {
		triage.decide(ticketId, decision.businessType(), decision.team(), actor);
		return ResponseEntity.noContent().build();
	}
}
