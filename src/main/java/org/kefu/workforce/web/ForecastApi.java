package org.kefu.workforce.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.shared.Actor;
import org.kefu.workforce.ContactHistory;
import org.kefu.workforce.ContactHistory.Imported;
import org.kefu.workforce.ContactHistory.QueueHistory;
import org.kefu.workforce.Forecasts;
import org.kefu.workforce.Forecasts.ForecastSummary;
import org.kefu.workforce.Forecasts.ForecastView;
import org.kefu.workforce.Forecasts.IntervalStaffing;
import org.kefu.workforce.Forecasts.Targets;
import org.kefu.workforce.KnownEvents;
import org.kefu.workforce.KnownEvents.KnownEvent;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contact history, known events and forecasts over the API. */
@RestController
@Tag(name = "Workforce", description = "History, forecasts, staffing with Erlang C and A, schedules")
class ForecastApi {

	private final ContactHistory history;
	private final KnownEvents events;
	private final Forecasts forecasts;

	ForecastApi(ContactHistory history, KnownEvents events, Forecasts forecasts) {
		this.history = history;
		this.events = events;
		this.forecasts = forecasts;
	}

	record EventRequest(String name, String kind, LocalDate startsOn, LocalDate endsOn, String queue, Double factor) {
	}

	record ForecastRequest(String queue, LocalDate startsOn, Integer days, Double handleSeconds) {
	}

	@GetMapping("/api/v1/workforce/history")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Queues with contact history: first and last day, contacts")
	List<QueueHistory> queues() {
		return history.queues();
	}

	@PostMapping(path = "/api/v1/workforce/history/{queue}", consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE,
			MediaType.APPLICATION_OCTET_STREAM_VALUE })
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Import history from CSV (date, time, contacts[, handle_seconds]); slots are added up into 30-minute intervals")
	Imported importHistory(@PathVariable String queue, @RequestBody byte[] csv) {
		return history.importCsv(queue, new ByteArrayInputStream(csv));
	}

	@PostMapping(path = "/api/v1/workforce/history/{queue}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Import history from a CSV file sent as multipart (field file): for files over the 1 MB body limit")
	Imported importHistoryFile(@PathVariable String queue,
			@org.springframework.web.bind.annotation.RequestParam("file") org.springframework.web.multipart.MultipartFile file)
			throws java.io.IOException {
		return history.importCsv(queue, file.getInputStream());
	}

	@GetMapping("/api/v1/workforce/events")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Known events: holidays, promotions, eves; without a factor the forecast learns one")
	List<KnownEvent> events() {
		return events.all();
	}

	@PostMapping("/api/v1/workforce/events")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Enter a known event (kind holiday, eve, promotion or other; factor 3 = three times a normal day)")
	ResponseEntity<KnownEvent> addEvent(@RequestBody EventRequest request) {
		long id = events.add(request.name(), request.kind(), request.startsOn(), request.endsOn(), request.queue(),
				request.factor());
		KnownEvent event = events.all().stream().filter(e -> e.id() == id).findFirst().orElseThrow();
		return ResponseEntity.created(URI.create("/api/v1/workforce/events/" + id)).body(event);
	}

	@DeleteMapping("/api/v1/workforce/events/{id}")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Remove a known event")
	ResponseEntity<Void> removeEvent(@PathVariable long id) {
		events.remove(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/workforce/forecasts")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Forecast a queue from a day for 1–84 days (7 by default) from its history before that day")
	ResponseEntity<ForecastView> create(@RequestBody ForecastRequest request, Actor actor) {
		long id = forecasts.create(request.queue(), request.startsOn(), request.days(), request.handleSeconds(), actor);
		return ResponseEntity.created(URI.create("/api/v1/workforce/forecasts/" + id)).body(forecasts.get(id));
	}

	@GetMapping("/api/v1/workforce/forecasts")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Forecasts, newest first")
	List<ForecastSummary> all() {
		return forecasts.all();
	}

	@GetMapping("/api/v1/workforce/forecasts/{id}")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "A forecast per day (with why) and per interval, against actuals so far with MAPE and the baseline's MAPE")
	ForecastView get(@PathVariable long id) {
		return forecasts.get(id);
	}

	@DeleteMapping("/api/v1/workforce/forecasts/{id}")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Delete a forecast")
	ResponseEntity<Void> delete(@PathVariable long id) {
		forecasts.delete(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/workforce/forecasts/{id}/staffing")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Agents required and to schedule per interval of a forecast for a service-level target")
	List<IntervalStaffing> staffing(@PathVariable long id,
			@RequestParam(defaultValue = "20") double targetAnswerSeconds,
			@RequestParam(defaultValue = "0.8") double targetServiceLevel,
			@RequestParam(defaultValue = "0.3") double shrinkage, @RequestParam(required = false) Double patienceSeconds,
			@RequestParam(defaultValue = "1") double maxOccupancy, @RequestParam(defaultValue = "1") int concurrency) {
		return forecasts.staffing(id, new Targets(targetAnswerSeconds, targetServiceLevel, shrinkage, patienceSeconds,
				maxOccupancy, concurrency));
	}
}
