package org.kefu.ticket.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerId;
import org.kefu.customer.Customers;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.identity.Users;
import org.kefu.platform.Htmx;
import org.kefu.platform.Messages;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.KefuException;
import org.kefu.shared.NotFoundException;
import org.kefu.shared.Slice;
import org.kefu.ticket.AttachmentView;
import org.kefu.ticket.Attachments;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.NewTicket;
import org.kefu.ticket.Priority;
import org.kefu.ticket.QueueQuery;
import org.kefu.ticket.Queues;
import org.kefu.ticket.ReplyOutcome;
import org.kefu.ticket.TicketChange;
import org.kefu.ticket.TicketDetail;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketStatus;
import org.kefu.ticket.TicketSummary;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.Visibility;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent workspace: the queues, a ticket with its conversation, replying and changing it, and
 * opening new tickets. Page addresses use ticket numbers, as people say them on the phone.
 */
@Controller
@RequestMapping("/tickets")
class TicketPages {

	private final Tickets tickets;
	private final Queues queues;
	private final TicketViews views;
	private final BusinessTypes businessTypes;
	private final Customers customers;
	private final Users users;
	private final Attachments attachments;
	private final Messages messages;

	TicketPages(Tickets tickets, Queues queues, TicketViews views, BusinessTypes businessTypes, Customers customers,
			Users users, Attachments attachments, Messages messages) {
		this.tickets = tickets;
		this.queues = queues;
		this.views = views;
		this.businessTypes = businessTypes;
		this.customers = customers;
		this.users = users;
		this.attachments = attachments;
		this.messages = messages;
	}

	/** The filters of a queue page, as the form sends them. */
	record Filters(String view, String status, String priority, String type, Long team, Long assignee, String tag,
			String q, String sort, String cursor) {

		public boolean any() {
			return notBlank(status) || notBlank(priority) || notBlank(type) || team != null || assignee != null
					|| notBlank(tag) || notBlank(q);
		}
	}

	@GetMapping
	@Transactional(readOnly = true)
	String queue(Filters filters, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
		QueueQuery.Queue view = Optional.ofNullable(Codes.queue("view", filters.view())).orElse(QueueQuery.Queue.MINE);
		TicketStatus status = Codes.status("status", filters.status());
		QueueQuery query = new QueueQuery(view, me.id(), me.teamIds(), status == null ? Set.of() : Set.of(status),
				Codes.priority("priority", filters.priority()), blankToNull(filters.type()), filters.assignee(),
				filters.team(), blankToNull(filters.tag()), null, null, blankToNull(filters.q()),
				Codes.sort("sort", filters.sort()), blankToNull(filters.cursor()), QueueQuery.DEFAULT_LIMIT);
		Slice<TicketSummary> page = queues.list(query);
		model.addAttribute("view", view.code());
		model.addAttribute("filters", filters);
		model.addAttribute("rows", views.rows(page.items(), locale));
		model.addAttribute("nextCursor", page.nextCursor());
		model.addAttribute("counts", queues.counts(me.id(), me.teamIds()));
		model.addAttribute("queues", QueueQuery.Queue.values());
		model.addAttribute("statuses", TicketStatus.values());
		model.addAttribute("priorities", Priority.values());
		model.addAttribute("sorts", QueueQuery.Sort.values());
		model.addAttribute("businessTypes", businessTypes.active());
		model.addAttribute("teams", views.teamMap().values().stream()
			.sorted((a, b) -> a.name().compareTo(b.name())).toList());
		model.addAttribute("agents", users.active());
		return "ticket/queue";
	}

	@GetMapping("/new")
	String newTicket(@RequestParam(required = false) Long customer, @AuthenticationPrincipal CurrentUser me,
			Model model) {
		if (customer != null) {
			model.addAttribute("customer", customers.get(new CustomerId(customer))
				.maskedUnless(me.can(Permission.CUSTOMER_CONTACT_DETAILS)));
		}
		return ticketForm(model, null);
	}

	@PostMapping
	String open(@RequestParam String subject, @RequestParam String description, @RequestParam String businessType,
			@RequestParam(required = false) String priority, @RequestParam(required = false) String channel,
			@RequestParam(required = false) Long customer, @RequestParam(required = false) String name,
			@RequestParam(required = false) String email, @RequestParam(required = false) String phone,
			@RequestParam(required = false) Long team, @RequestParam(defaultValue = "false") boolean assignToMe,
			@RequestParam(required = false) String tags,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@RequestParam java.util.Map<String, String> params,
			@AuthenticationPrincipal CurrentUser me, Actor actor, Model model, RedirectAttributes redirect) {
		require(me, Permission.TICKET_CREATE);
		java.util.Map<String, String> fieldValues = fieldValues(params);
		try {
			if (team != null) {
				AssignmentRights.check(me, blank(), null, Optional.of(team));
			}
			List<Long> uploaded = store(files, actor);
			TicketId id = tickets.open(new NewTicket(subject, description, businessType,
					Codes.priority("priority", priority),
					Optional.ofNullable(Codes.channel("channel", channel)).orElse(Channel.PHONE),
					customer == null ? null : new CustomerId(customer),
					customer == null ? new ContactDetails(name, email, phone) : null, assignToMe ? me.id() : null,
					team, splitTags(tags), uploaded, fieldValues), actor);
			redirect.addFlashAttribute("notice", "ticket.created");
			return "redirect:/tickets/" + tickets.summary(id).number();
		}
		catch (KefuException e) {
			if (customer != null) {
				model.addAttribute("customer", customers.get(new CustomerId(customer))
					.maskedUnless(me.can(Permission.CUSTOMER_CONTACT_DETAILS)));
			}
			model.addAttribute("form", new Object[] { subject, description, businessType, priority, channel, name,
					email, phone, tags });
			model.addAttribute("fields", businessTypes.fields(businessType));
			model.addAttribute("values", fieldValues);
			return ticketForm(model, messages.text(e));
		}
	}

	@GetMapping("/{number}")
	@Transactional(readOnly = true)
	String ticket(@PathVariable long number, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
		return show(find(number), me, locale, model);
	}

	@PostMapping("/{number}/messages")
	String reply(@PathVariable long number, @RequestParam String body, @RequestParam(defaultValue = "public") String visibility,
			@RequestParam(required = false) String then,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@AuthenticationPrincipal CurrentUser me, Actor actor, RedirectAttributes redirect) {
		require(me, Permission.TICKET_REPLY);
		TicketId id = find(number);
		TicketStatus next = Codes.status("then", then);
		if (next != null) {
			require(me, Permission.TICKET_EDIT);
		}
		Visibility v = Optional.ofNullable(Codes.visibility("visibility", visibility)).orElse(Visibility.PUBLIC);
		List<Long> uploaded = store(files, actor);
		ReplyOutcome outcome = tickets.reply(id, new NewMessage(body, v, null, null, next, uploaded), actor);
		redirect.addFlashAttribute("notice", v == Visibility.PUBLIC ? "ticket.reply-sent" : "ticket.note-added");
		return "redirect:/tickets/" + outcome.number() + "#message-" + outcome.message();
	}

	@PostMapping("/{number}/properties")
	String properties(@PathVariable long number, @RequestParam(required = false) String status,
			@RequestParam(required = false) String priority, @RequestParam(required = false) String businessType,
			@RequestParam(required = false) String assignee, @RequestParam(required = false) String team,
			@RequestParam(required = false) String tags, @RequestParam java.util.Map<String, String> params,
			@AuthenticationPrincipal CurrentUser me, Actor actor,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Locale locale, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		require(me, Permission.TICKET_EDIT);
		TicketId id = find(number);
		TicketSummary current = tickets.summary(id);
		// the inputs shown belong to the business type the ticket had; with a new type they do not apply
		java.util.Map<String, String> fieldValues = businessType == null || businessType.equals(current.businessType())
				? fieldValues(params) : null;
		Optional<Long> assigneeChange = assignee == null ? null : Optional.ofNullable(parseId("assignee", assignee));
		Optional<Long> teamChange = team == null ? null : Optional.ofNullable(parseId("team", team));
		AssignmentRights.check(me, current, assigneeChange, teamChange);
		tickets.change(id, new TicketChange(null, Codes.status("status", status), Codes.priority("priority", priority),
				blankToNull(businessType), assigneeChange, teamChange, tags == null ? null : splitTags(tags),
				fieldValues, params.get("handOverNote")), actor);
		if ("true".equals(htmx)) {
			Htmx.trigger(response, "kefu:saved", messages.text("action.saved"));
			return show(id, me, locale, model);
		}
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/tickets/" + number;
	}

	@PostMapping("/{number}/take")
	String take(@PathVariable long number, @AuthenticationPrincipal CurrentUser me, Actor actor,
			RedirectAttributes redirect) {
		require(me, Permission.TICKET_EDIT);
		TicketId id = find(number);
		AssignmentRights.check(me, tickets.summary(id), Optional.of(me.id()), null);
		tickets.change(id, new TicketChange(null, null, null, null, Optional.of(me.id()), null, null), actor);
		redirect.addFlashAttribute("notice", "ticket.taken");
		return "redirect:/tickets/" + number;
	}

	@PostMapping("/{number}/merge")
	String merge(@PathVariable long number, @RequestParam String into, @AuthenticationPrincipal CurrentUser me,
			Actor actor, RedirectAttributes redirect) {
		require(me, Permission.TICKET_MERGE);
		long target = parseId("into", into.replace("#", "").trim());
		TicketId source = find(number);
		TicketId targetId = tickets.byNumber(target)
			.orElseThrow(() -> new InvalidInputException("ticket.merge-target-unknown", target));
		tickets.merge(source, targetId, actor);
		redirect.addFlashAttribute("notice", "ticket.merged-now");
		redirect.addFlashAttribute("noticeArgs", new Object[] { number, target });
		return "redirect:/tickets/" + target;
	}

	@GetMapping("/fragments/customer/{customer}")
	String customerTickets(@PathVariable long customer, Locale locale, Model model) {
		model.addAttribute("rows", views.rows(queues.ofCustomer(new CustomerId(customer), 50), locale));
		model.addAttribute("customerId", customer);
		return "ticket/customer-tickets :: list";
	}

	private String show(TicketId id, CurrentUser me, Locale locale, Model model) {
		TicketDetail detail = tickets.detail(id);
		TicketViews.Row row = views.row(detail.ticket(), locale);
		model.addAttribute("t", row);
		model.addAttribute("detail", detail);
		model.addAttribute("messages", views.messages(detail));
		model.addAttribute("customer", customers.find(detail.ticket().customer())
			.map(c -> c.maskedUnless(me.can(Permission.CUSTOMER_CONTACT_DETAILS))).orElse(null));
		model.addAttribute("otherTickets", views.rows(queues.ofCustomer(detail.ticket().customer(), 6).stream()
			.filter(t -> !t.id().equals(id)).limit(5).toList(), locale));
		List<TicketStatus> statuses = new ArrayList<>();
		statuses.add(detail.ticket().status());
		statuses.addAll(EnumSet.copyOf(detail.ticket().status().next().isEmpty()
				? EnumSet.of(detail.ticket().status()) : detail.ticket().status().next()));
		model.addAttribute("statuses", new LinkedHashSet<>(statuses));
		model.addAttribute("replyStatuses", Arrays.asList(TicketStatus.PENDING, TicketStatus.ON_HOLD,
				TicketStatus.SOLVED));
		model.addAttribute("priorities", Priority.values());
		model.addAttribute("businessTypes", businessTypes.active());
		model.addAttribute("teams", views.teamMap().values().stream()
			.sorted((a, b) -> a.name().compareTo(b.name())).toList());
		model.addAttribute("agents", users.active());
		model.addAttribute("fields", businessTypes.fields(detail.ticket().businessType()).stream()
			.filter(f -> f.active() || detail.fields().containsKey(f.key())).toList());
		model.addAttribute("values", detail.fields());
		boolean open = detail.ticket().status() != TicketStatus.CLOSED && detail.mergedInto() == null;
		model.addAttribute("open", open);
		model.addAttribute("canReply", open && me.can(Permission.TICKET_REPLY));
		model.addAttribute("canEdit", open && me.can(Permission.TICKET_EDIT));
		model.addAttribute("canAssign", me.can(Permission.TICKET_ASSIGN));
		model.addAttribute("canMerge", open && me.can(Permission.TICKET_MERGE));
		model.addAttribute("canTake", open && me.can(Permission.TICKET_EDIT) && detail.ticket().assignee() == null);
		model.addAttribute("maxUploadMb", 20);
		return "ticket/ticket";
	}

	@GetMapping("/new/fields")
	String newTicketFields(@RequestParam(required = false) String businessType, Model model) {
		model.addAttribute("fields", businessTypes.fields(businessType == null ? "" : businessType));
		model.addAttribute("values", java.util.Map.of());
		return "ticket/fields :: inputs(cols='col-md-4')";
	}

	private String ticketForm(Model model, String error) {
		model.addAttribute("businessTypes", businessTypes.active());
		if (!model.containsAttribute("fields")) {
			String chosen = model.getAttribute("form") instanceof Object[] form && form[2] != null ? (String) form[2]
					: businessTypes.active().isEmpty() ? "" : businessTypes.active().get(0).code();
			model.addAttribute("fields", businessTypes.fields(chosen));
		}
		if (!model.containsAttribute("values")) {
			model.addAttribute("values", java.util.Map.of());
		}
		model.addAttribute("priorities", Priority.values());
		model.addAttribute("channels", List.of(Channel.PHONE, Channel.EMAIL, Channel.CHAT, Channel.WEB, Channel.IM));
		model.addAttribute("teams", views.teamMap().values().stream()
			.sorted((a, b) -> a.name().compareTo(b.name())).toList());
		model.addAttribute("formError", error);
		return "ticket/new";
	}

	private List<Long> store(List<MultipartFile> files, Actor actor) {
		List<Long> ids = new ArrayList<>();
		if (files == null) {
			return ids;
		}
		for (MultipartFile file : files) {
			if (file == null || file.isEmpty()) {
				continue;
			}
			try {
				AttachmentView stored = attachments.store(file.getOriginalFilename(), file.getInputStream(), actor);
				ids.add(stored.id());
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return ids;
	}

	/** The custom field values of a form: its parameters named {@code field.<key>}. */
	private static java.util.Map<String, String> fieldValues(java.util.Map<String, String> params) {
		java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
		params.forEach((name, value) -> {
			if (name.startsWith("field.")) {
				values.put(name.substring("field.".length()), value);
			}
		});
		return values;
	}

	private TicketId find(long number) {
		return tickets.byNumber(number).orElseThrow(() -> new NotFoundException("ticket.not-found", number));
	}

	private static void require(CurrentUser me, Permission permission) {
		if (!me.can(permission)) {
			throw new AccessDeniedException(permission.code());
		}
	}

	private static TicketSummary blank() {
		return new TicketSummary(null, 0, null, TicketStatus.NEW, null, null, null, null, null, null, Set.of(), null,
				null);
	}

	private static Long parseId(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("api.invalid-parameter", field, value);
		}
	}

	private static Set<String> splitTags(String tags) {
		if (tags == null) {
			return Set.of();
		}
		Set<String> out = new LinkedHashSet<>();
		for (String t : tags.split("[,，\\s]+")) {
			if (!t.isBlank()) {
				out.add(t);
			}
		}
		return out;
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s;
	}

	private static boolean notBlank(String s) {
		return s != null && !s.isBlank();
	}
}
