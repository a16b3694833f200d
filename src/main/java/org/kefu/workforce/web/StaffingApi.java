package org.kefu.workforce.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.workforce.Staffing;
import org.kefu.workforce.Staffing.Demand;
import org.kefu.workforce.Staffing.Staffed;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Staffing for one interval over the API. */
@RestController
@Tag(name = "Workforce", description = "History, forecasts, staffing with Erlang C and A, schedules")
class StaffingApi {

	/**
	 * One interval's demand. Defaults: 80 % service level, no shrinkage, no occupancy cap, one
	 * contact at a time; with {@code patienceSeconds} Erlang A is used instead of Erlang C.
	 */
	record ErlangRequest(Double contacts, Integer intervalSeconds, Double handleSeconds, Double targetAnswerSeconds,
			Double targetServiceLevel, Double shrinkage, Double patienceSeconds, Double maxOccupancy,
			Integer concurrency) {

		Demand demand() {
			return new Demand(required(contacts, "contacts"), required(intervalSeconds, "intervalSeconds").intValue(),
					required(handleSeconds, "handleSeconds"), required(targetAnswerSeconds, "targetAnswerSeconds"),
					targetServiceLevel == null ? 0.8 : targetServiceLevel, shrinkage == null ? 0 : shrinkage,
					patienceSeconds, maxOccupancy == null ? 1 : maxOccupancy, concurrency == null ? 1 : concurrency);
		}

		private static <T extends Number> T required(T value, String field) {
			if (value == null) {
				throw new org.kefu.shared.InvalidInputException("workforce.invalid-demand", field, "—");
			}
			return value;
		}
	}

	@PostMapping("/api/v1/workforce/erlang")
	@PreAuthorize("hasAuthority('workforce.plan')")
	@Operation(summary = "Agents needed for one interval by Erlang C (or Erlang A with patience), scheduled with shrinkage")
	Staffed erlang(@RequestBody ErlangRequest request) {
		return Staffing.staff(request.demand());
	}
}
