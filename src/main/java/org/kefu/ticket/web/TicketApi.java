package org.kefu.ticket.web;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.kefu.customer.ContactDetails;
import org.kefu.identity.CurrentUser;
import org.kefu.platform.IdempotentRequests;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.Slice;
import org.kefu.ticket.Author;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.NewTicket;
import org.kefu.ticket.QueueQuery;
import org.kefu.ticket.Queues;
import org.kefu.ticket.ReplyOutcome;
import org.kefu.ticket.TicketChange;
import org.kefu.ticket.TicketDetail;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketStatus;
import org.kefu.ticket.TicketSummary;
import org.kefu.ticket.Tickets;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ticket API. Each call runs in one transaction, so that a creation and the response that
 * describes it are one unit, and a read costs one connection.
 */
@RestController
@RequestMapping("/api/v1/tickets")
@Tag(name = "Tickets", description = "Work orders: open, read, change, reply, search")
class TicketApi {

	private final Tickets tickets;
	private final Queues queues;
	private final TicketViews views;
	private final IdempotentRequests idempotency;
	private final tools.jackson.databind.json.JsonMapper json;
	private final jakarta.validation.Validator validator;

	TicketApi(Tickets tickets, Queues queues, TicketViews views, IdempotentRequests idempotency,
			tools.jackson.databind.json.JsonMapper json, jakarta.validation.Validator validator) {
		this.tickets = tickets;
		this.queues = queues;
		this.views = views;
		this.idempotency = idempotency;
		this.json = json;
		this.validator = validator;
	}

	record CustomerRef(Long id, @Size(max = 200) String name, @Size(max = 254) String email,
			@Size(max = 40) String phone) {
	}

	record CreateTicket(@NotBlank @Size(max = 300) String subject, @NotBlank @Size(max = 100_000) String description,
			@NotBlank String businessType, String priority, String channel, @NotNull @Valid CustomerRef customer,
			Long assignee, Long team, List<String> tags, List<Long> attachments,
			@Schema(description = "values of the business type's custom fields, by key (see GET /business-types/{code}/fields)")
			Map<String, String> fields) {
	}

	record ChangeTicket(@Size(max = 300) String subject, String status, String priority, String businessType,
			@Schema(type = "integer", nullable = true, description = "user id; null takes the ticket away from its assignee")
			Optional<Long> assignee,
			@Schema(type = "integer", nullable = true, description = "team id; null takes the ticket away from its team")
			Optional<Long> team,
			List<String> tags,
			@Schema(description = "custom field values to set; an empty value removes one") Map<String, String> fields,
			@Size(max = 2000) @Schema(description = "required when a person moves the ticket away from the agent who owns it "
					+ "(to a colleague, or null back to the queue): what the next person needs to know; kept as an internal note")
			String handOverNote) {
	}

	record AddMessage(@NotBlank @Size(max = 100_000) String body, String visibility,
			@Schema(allowableValues = { "agent", "customer" }, description = "who wrote it; integrations pass customer for the customer's own words")
			String author, String channel, String status, List<Long> attachments) {
	}

	record MergeTicket(@NotNull Long into) {
	}

	record TicketResponse(long id, long number, String subject, String status, String priority, String businessType,
			String businessTypeName, String channel, List<String> tags, TicketViews.Party customer,
			TicketViews.Person assignee, TicketViews.Group team, Instant createdAt, Instant updatedAt,
			Long mergedInto, Long followUpOf, Instant firstRepliedAt, Instant solvedAt, Instant closedAt,
			Map<String, String> fields, List<TicketViews.Message> messages) {

		static TicketResponse of(TicketViews.Row r, TicketDetail d, List<TicketViews.Message> messages) {
			return new TicketResponse(r.id(), r.number(), r.subject(), r.status(), r.priority(), r.businessType(),
					r.businessTypeName(), r.channel(), r.tags(), r.customer(), r.assignee(), r.team(), r.createdAt(),
					r.updatedAt(), d == null ? null : d.mergedInto(), d == null ? null : d.followUpOf(),
					d == null ? null : d.firstRepliedAt(), d == null ? null : d.solvedAt(),
					d == null ? null : d.closedAt(), d == null ? null : d.fields(), messages);
		}
	}

	record TicketPage(List<TicketViews.Row> items, String nextCursor) {
	}

	record MessageResponse(long ticketId, long ticketNumber, long messageId, boolean followUp) {
	}

	@PostMapping
	@PreAuthorize("hasAuthority('ticket.create')")
	@Transactional
	@Operation(summary = "Open a ticket", description = """
			Opens a ticket with the description as the customer's first message. The customer is found by email,
			then phone, or created. Send an `Idempotency-Key` header to make a retry return the first result.""")
	@ApiResponse(responseCode = "201", description = "Created",
			content = @Content(schema = @Schema(implementation = TicketResponse.class)))
	ResponseEntity<?> create(@Valid @RequestBody CreateTicket request,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
			@AuthenticationPrincipal CurrentUser me, Actor actor, Locale locale) {
		return idempotency.once("ticket:" + me.id(), key, request, () -> {
			if (request.assignee() != null || request.team() != null) {
				AssignmentRights.check(me, unassigned(), Optional.ofNullable(request.assignee()),
						Optional.ofNullable(request.team()));
			}
			CustomerRef c = request.customer();
			TicketId id = tickets.open(new NewTicket(request.subject(), request.description(), request.businessType(),
					Codes.priority("priority", request.priority()),
					Optional.ofNullable(Codes.channel("channel", request.channel())).orElse(Channel.API),
					c.id() == null ? null : new org.kefu.customer.CustomerId(c.id()),
					c.id() == null ? new ContactDetails(c.name(), c.email(), c.phone()) : null, request.assignee(),
					request.team(), request.tags() == null ? null : new LinkedHashSet<>(request.tags()),
					request.attachments(), request.fields()), actor);
			return ResponseEntity.created(URI.create("/api/v1/tickets/" + id.value())).body(response(id, locale));
		});
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Transactional(readOnly = true)
	@Operation(summary = "One ticket with its conversation")
	TicketResponse get(@PathVariable long id, Locale locale) {
		return response(new TicketId(id), locale);
	}

	@GetMapping
	@PreAuthorize("hasAuthority('ticket.view')")
	@Transactional(readOnly = true)
	@Operation(summary = "List or search tickets", description = """
			Without `q`, a queue view newest first with keyset pagination: pass `nextCursor` back as `cursor`.
			With `q`, a full-text search of subjects and messages (Chinese and English), best matches first.""")
	TicketPage list(@AuthenticationPrincipal CurrentUser me,
			@Parameter(description = "mine, unassigned, team, open (default) or all") @RequestParam(required = false) String view,
			@Parameter(description = "one or more of new, open, pending, on_hold, solved, closed (comma-separated)") @RequestParam(required = false) String status,
			@Parameter(description = "a user id, me, or none") @RequestParam(required = false) String assignee,
			@RequestParam(required = false) Long team, @RequestParam(required = false) String priority,
			@RequestParam(required = false) String businessType, @RequestParam(required = false) String tag,
			@RequestParam(required = false) String channel, @RequestParam(required = false) Long customer,
			@Parameter(description = "words to search for") @RequestParam(required = false) String q,
			@Parameter(description = "updated (default), created or priority") @RequestParam(required = false) String sort,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "25") int limit,
			Locale locale) {
		QueueQuery.Queue queue = Optional.ofNullable(Codes.queue("view", view)).orElse(
				status != null ? QueueQuery.Queue.ALL : QueueQuery.Queue.OPEN);
		Long assigneeId = null;
		if (assignee != null && !assignee.isBlank()) {
			if (assignee.equals("me")) {
				assigneeId = me.id();
			}
			else if (assignee.equals("none")) {
				queue = QueueQuery.Queue.UNASSIGNED;
			}
			else {
				try {
					assigneeId = Long.parseLong(assignee);
				}
				catch (NumberFormatException e) {
					throw new InvalidInputException("api.invalid-parameter", "assignee", assignee);
				}
			}
		}
		Set<TicketStatus> statuses = EnumSet.noneOf(TicketStatus.class);
		if (status != null) {
			for (String s : status.split(",")) {
				TicketStatus parsed = Codes.status("status", s);
				if (parsed != null) {
					statuses.add(parsed);
				}
			}
		}
		if (limit < 1 || limit > QueueQuery.MAX_LIMIT) {
			throw new InvalidInputException("api.limit-invalid", QueueQuery.MAX_LIMIT);
		}
		Slice<TicketSummary> page = queues.list(new QueueQuery(queue, me.id(), me.teamIds(), statuses,
				Codes.priority("priority", priority), businessType, assigneeId, team, tag,
				Codes.channel("channel", channel),
				customer == null ? null : new org.kefu.customer.CustomerId(customer), q,
				Codes.sort("sort", sort), cursor, limit));
		return new TicketPage(views.rows(page.items(), locale), page.nextCursor());
	}

	@PatchMapping("/{id}")
	@PreAuthorize("hasAuthority('ticket.edit')")
	@Transactional
	@Operation(summary = "Change a ticket", description = """
			Change status, priority, business type, assignee, team, tags or subject; fields left out stay as they
			are. A status move the life cycle does not allow is refused with 409 and the allowed moves. Moving a
			ticket away from the agent who owns it needs a handOverNote (400 ticket.hand-over-note-required).""")
	TicketResponse change(@PathVariable long id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(schema = @Schema(implementation = ChangeTicket.class))) @RequestBody tools.jackson.databind.JsonNode body,
			@AuthenticationPrincipal CurrentUser me, Actor actor, Locale locale) {
		ChangeTicket request = json.treeToValue(body, ChangeTicket.class);
		var violations = validator.validate(request);
		if (!violations.isEmpty()) {
			throw new jakarta.validation.ConstraintViolationException(violations);
		}
		// left out stays as it is; only an explicit null takes the ticket away from its assignee or team
		Optional<Long> assignee = present(body, "assignee", request.assignee());
		Optional<Long> team = present(body, "team", request.team());
		TicketId ticket = new TicketId(id);
		AssignmentRights.check(me, tickets.summary(ticket), assignee, team);
		tickets.change(ticket, new TicketChange(request.subject(), Codes.status("status", request.status()),
				Codes.priority("priority", request.priority()), blankToNull(request.businessType()),
				assignee, team, request.tags() == null ? null : new LinkedHashSet<>(request.tags()),
				request.fields(), request.handOverNote()), actor);
		return response(ticket, locale);
	}

	private static Optional<Long> present(tools.jackson.databind.JsonNode body, String field, Optional<Long> parsed) {
		if (!body.has(field)) {
			return null;
		}
		return body.get(field).isNull() || parsed == null ? Optional.empty() : parsed;
	}

	@PostMapping("/{id}/messages")
	@PreAuthorize("hasAuthority('ticket.reply')")
	@Transactional
	@Operation(summary = "Add a reply, an internal note or the customer's message", description = """
			`visibility` is public (default) or internal. A customer's message to a solved ticket reopens it; to a
			closed ticket it opens a follow-up, whose id the response gives.""")
	ResponseEntity<?> reply(@PathVariable long id, @Valid @RequestBody AddMessage request,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
			@AuthenticationPrincipal CurrentUser me, Actor actor) {
		return idempotency.once("message:" + me.id() + ":" + id, key, request, () -> {
			Author author = request.author() == null || request.author().isBlank() ? Author.AGENT
					: switch (request.author().trim().toLowerCase()) {
						case "agent" -> Author.AGENT;
						case "customer" -> Author.CUSTOMER;
						default -> throw new InvalidInputException("api.invalid-value", "author", request.author(),
								"agent, customer");
					};
			ReplyOutcome outcome = tickets.reply(new TicketId(id), new NewMessage(request.body(),
					Codes.visibility("visibility", request.visibility()), author,
					Optional.ofNullable(Codes.channel("channel", request.channel())).orElse(Channel.API),
					Codes.status("status", request.status()), request.attachments()), actor);
			return ResponseEntity.created(URI.create("/api/v1/tickets/" + outcome.ticket().value()))
				.body(new MessageResponse(outcome.ticket().value(), outcome.number(), outcome.message(),
						outcome.followUp()));
		});
	}

	@PostMapping("/{id}/merge")
	@PreAuthorize("hasAuthority('ticket.merge')")
	@Transactional
	@Operation(summary = "Merge this ticket into another", description = "This ticket closes; its conversation moves to the other.")
	TicketResponse merge(@PathVariable long id, @Valid @RequestBody MergeTicket request, Actor actor, Locale locale) {
		tickets.merge(new TicketId(id), new TicketId(request.into()), actor);
		return response(new TicketId(request.into()), locale);
	}

	private TicketResponse response(TicketId id, Locale locale) {
		TicketDetail detail = tickets.detail(id);
		return TicketResponse.of(views.row(detail.ticket(), locale), detail, views.messages(detail));
	}

	private static TicketSummary unassigned() {
		return new TicketSummary(null, 0, null, TicketStatus.NEW, null, null, null, null, null, null, Set.of(), null,
				null);
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s;
	}
}
