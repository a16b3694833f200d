package org.kefu.segment.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.kefu.customer.CustomerFilter;
import org.kefu.segment.Segment;
import org.kefu.segment.Segments;
import org.kefu.segment.TagRule;
import org.kefu.segment.TagRules;
import org.kefu.shared.Actor;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Segments and tag rules over the API. Customers of a segment: {@code GET /api/v1/customers} with its filter. */
@RestController
@Tag(name = "Segments", description = "Rule-based customer tags and saved customer filters")
class SegmentApi {

	private final Segments segments;
	private final TagRules rules;

	SegmentApi(Segments segments, TagRules rules) {
		this.segments = segments;
		this.rules = rules;
	}

	record NewSegment(@NotBlank String name, String query, List<String> tags, List<String> withoutTags) {
	}

	record NewRule(@NotBlank String tag, @NotBlank String nameZh, @NotBlank String nameEn, @NotBlank String kind,
			List<String> businessTypes, Integer days, Integer atLeast, BigDecimal percentAbove) {
	}

	@GetMapping("/api/v1/segments")
	@PreAuthorize("hasAuthority('customer.view')")
	@Operation(summary = "Saved segments with how many customers each holds now")
	List<Segment> segments() {
		return segments.all();
	}

	@PostMapping("/api/v1/segments")
	@PreAuthorize("hasAuthority('segment.manage')")
	@Operation(summary = "Save a customer filter as a segment", description = """
			`query` matches names and identities, `tags` must all be carried, `withoutTags` none.""")
	ResponseEntity<Segment> save(@Valid @RequestBody NewSegment request, Actor actor) {
		long id = segments.save(request.name(), CustomerFilter.of(request.query(), request.tags(), request.withoutTags()), actor);
		return ResponseEntity.created(URI.create("/api/v1/segments/" + id)).body(segments.get(id));
	}

	@GetMapping("/api/v1/segments/{id}")
	@PreAuthorize("hasAuthority('customer.view')")
	@Operation(summary = "One segment")
	Segment segment(@PathVariable long id) {
		return segments.get(id);
	}

	@DeleteMapping("/api/v1/segments/{id}")
	@PreAuthorize("hasAuthority('segment.manage')")
	@Operation(summary = "Delete a segment")
	ResponseEntity<Void> delete(@PathVariable long id) {
		segments.delete(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/tag-rules")
	@PreAuthorize("hasAuthority('customer.view')")
	@Operation(summary = "The rules that compute tags from history")
	List<TagRule> rules() {
		return rules.all();
	}

	@PostMapping("/api/v1/tag-rules")
	@PreAuthorize("hasAuthority('segment.manage')")
	@Operation(summary = "Add a tag rule and run it", description = """
			kind `ticket_count` (businessTypes optional, days, atLeast), `ticket_share` (businessTypes, days,
			atLeast = the fewest tickets to judge by, percentAbove) or `key_account_contact`.""")
	ResponseEntity<TagRules.Run> create(@Valid @RequestBody NewRule request, Actor actor) {
		long id = rules.create(new TagRules.NewRule(request.tag(), request.nameZh(), request.nameEn(), request.kind(),
				request.businessTypes(), request.days(), request.atLeast(), request.percentAbove()), actor);
		return ResponseEntity.created(URI.create("/api/v1/tag-rules/" + id)).body(rules.run(id, actor));
	}

	@PostMapping("/api/v1/tag-rules/{id}/runs")
	@PreAuthorize("hasAuthority('segment.manage')")
	@Operation(summary = "Run a tag rule now", description = "Tags the customers it describes and untags those it no longer does.")
	TagRules.Run run(@PathVariable long id, Actor actor) {
		return rules.run(id, actor);
	}
}
