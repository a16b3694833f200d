package org.kefu.automation.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.automation.Automation;
import org.kefu.automation.Rule;
import org.kefu.automation.Rule.Action;
import org.kefu.automation.Rule.Condition;
import org.kefu.automation.RuleText;
import org.kefu.automation.RuleTrials;
import org.kefu.automation.RuleTrials.Sample;
import org.kefu.automation.RuleTrials.Trial;
import org.kefu.automation.Rules;
import org.kefu.automation.Rules.RuleInput;
import org.kefu.automation.Rules.Run;
import org.kefu.identity.Teams;
import org.kefu.identity.Users;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.Channel;
import org.kefu.ticket.Priority;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketStatus;
import org.kefu.ticket.Tickets;
import org.kefu.webhook.Webhooks;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Automation rules and macros: the administration pages, the ticket's macro card and the API. */
@Controller
@Tag(name = "Automation", description = "Rules that act on tickets, tried before they are switched on; macros agents apply")
class AutomationWeb {

	/** The page's action choices, each a type and what it applies to. */
	static final Map<String, String[]> DO = new LinkedHashMap<>();

	static {
		DO.put("set_status", new String[] {"set", "status"});
		DO.put("set_priority", new String[] {"set", "priority"});
		DO.put("set_business_type", new String[] {"set", "business_type"});
		DO.put("assign_user", new String[] {"assign", "user"});
		DO.put("assign_team", new String[] {"assign", "team"});
		DO.put("add_tag", new String[] {"add_tag", null});
		DO.put("remove_tag", new String[] {"remove_tag", null});
		DO.put("notify_assignee", new String[] {"notify", "assignee"});
		DO.put("notify_team_lead", new String[] {"notify", "team_lead"});
		DO.put("notify_team", new String[] {"notify", "team"});
		DO.put("reply_public", new String[] {"reply", "public"});
		DO.put("reply_internal", new String[] {"reply", "internal"});
		DO.put("webhook", new String[] {"webhook", null});
	}

	private static final int ROWS = 5;

	private final Rules rules;
	private final Automation automation;
	private final RuleTrials trials;
	private final RuleText text;
	private final Tickets tickets;
	private final BusinessTypes businessTypes;
	private final Teams teams;
	private final Users users;
	private final Webhooks webhooks;

	AutomationWeb(Rules rules, Automation automation, RuleTrials trials, RuleText text, Tickets tickets, BusinessTypes businessTypes,
			Teams teams, Users users, Webhooks webhooks) {
		this.rules = rules;
		this.automation = automation;
		this.trials = trials;
		this.text = text;
		this.tickets = tickets;
		this.businessTypes = businessTypes;
		this.teams = teams;
		this.users = users;
		this.webhooks = webhooks;
	}

	// ---- pages

	@GetMapping("/admin/automation")
	String list(Model model) {
		model.addAttribute("rules", rules.all());
		model.addAttribute("counts", rules.counts());
		form(model, null);
		return "automation/rules";
	}

	@GetMapping("/admin/automation/{id}")
	String rule(@PathVariable long id, Model model) {
		Rule rule = rules.get(id);
		model.addAttribute("rule", rule);
		model.addAttribute("runs", rules.runs(id, 30));
		form(model, rule);
		return "automation/rule";
	}

	@PostMapping("/admin/automation")
	String create(@RequestParam Map<String, String> form, @RequestParam(required = false) List<String> events,
			@RequestParam(required = false) List<String> cField, @RequestParam(required = false) List<String> cOp,
			@RequestParam(required = false) List<String> cValue, @RequestParam(required = false) List<String> aDo,
			@RequestParam(required = false) List<String> aValue, Actor actor, RedirectAttributes redirect) {
		Rule rule = rules.create(input(form, events, cField, cOp, cValue, aDo, aValue, false), actor);
		redirect.addFlashAttribute("notice", "automation.created");
		return "redirect:/admin/automation/" + rule.id();
	}

	@PostMapping("/admin/automation/{id}")
	String update(@PathVariable long id, @RequestParam Map<String, String> form,
			@RequestParam(required = false) List<String> events, @RequestParam(required = false) List<String> cField,
			@RequestParam(required = false) List<String> cOp, @RequestParam(required = false) List<String> cValue,
			@RequestParam(required = false) List<String> aDo, @RequestParam(required = false) List<String> aValue,
			Actor actor, RedirectAttributes redirect) {
		rules.update(id, input(form, events, cField, cOp, cValue, aDo, aValue, rules.get(id).active()), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/automation/" + id;
	}

	@PostMapping("/admin/automation/{id}/active")
	String switchOn(@PathVariable long id, @RequestParam boolean active, RedirectAttributes redirect) {
		rules.setActive(id, active);
		redirect.addFlashAttribute("notice", active ? "automation.switched-on" : "automation.switched-off");
		return "redirect:/admin/automation/" + id;
	}

	@PostMapping("/admin/automation/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		rules.delete(id);
		redirect.addFlashAttribute("notice", "automation.deleted");
		return "redirect:/admin/automation";
	}

	@PostMapping("/admin/automation/{id}/try")
	String tryIt(@PathVariable long id, @RequestParam(required = false) String ticket,
			@RequestParam(defaultValue = "false") boolean recent, Model model) {
		Rule rule = rules.get(id);
		if (recent) {
			model.addAttribute("sample", trials.tryOnRecent(rule, 200));
		}
		else {
			model.addAttribute("trial", trials.tryOn(rule, number(ticket)));
		}
		model.addAttribute("tried", ticket);
		return rule(id, model);
	}

	@GetMapping("/tickets/{id}/macros")
	String macros(@PathVariable long id, Model model) {
		model.addAttribute("macros", rules.macros());
		model.addAttribute("number", tickets.summary(new TicketId(id)).number());
		return "automation/macros :: macros";
	}

	@PostMapping("/tickets/{number}/macros/{macro}")
	@PreAuthorize("hasAuthority('ticket.edit')")
	String apply(@PathVariable long number, @PathVariable long macro, Actor actor, RedirectAttributes redirect) {
		TicketId ticket = tickets.byNumber(number).orElseThrow(() -> new InvalidInputException("automation.ticket-unknown", number));
		List<String> done = automation.applyMacro(macro, ticket, actor);
		redirect.addFlashAttribute("notice", done.isEmpty() ? "automation.macro.nothing" : "automation.macro.applied");
		redirect.addFlashAttribute("noticeArgs", new Object[] { rules.get(macro).name() });
		return "redirect:/tickets/" + number;
	}

	private void form(Model model, Rule rule) {
		List<Condition> conditions = new ArrayList<>(rule == null ? List.of() : rule.conditions());
		while (conditions.size() < ROWS) {
			conditions.add(new Condition("", "", ""));
		}
		List<Map<String, String>> actions = new ArrayList<>();
		for (Action a : rule == null ? List.<Action>of() : rule.actions()) {
			String code = DO.entrySet().stream()
				.filter(e -> e.getValue()[0].equals(a.type()) && java.util.Objects.equals(e.getValue()[1], a.field()))
				.map(Map.Entry::getKey).findFirst().orElse("");
			actions.add(Map.of("do", code, "value", a.value()));
		}
		while (actions.size() < ROWS) {
			actions.add(Map.of("do", "", "value", ""));
		}
		model.addAttribute("conditionRows", conditions);
		model.addAttribute("actionRows", actions);
		model.addAttribute("events", Rules.EVENTS);
		model.addAttribute("fields", Rules.FIELDS.keySet().stream().sorted().toList());
		model.addAttribute("ops", List.of("is", "is_not", "contains", "not_contains", "is_set", "is_empty", "at_least"));
		model.addAttribute("doChoices", DO.keySet());
		model.addAttribute("statuses", TicketStatus.values());
		model.addAttribute("priorities", Priority.values());
		model.addAttribute("channels", Channel.values());
		model.addAttribute("businessTypes", businessTypes.all());
		model.addAttribute("teams", teams.all());
		model.addAttribute("people", users.active());
		model.addAttribute("webhooks", webhooks.all());
	}

	private static RuleInput input(Map<String, String> form, List<String> events, List<String> cField, List<String> cOp,
			List<String> cValue, List<String> aDo, List<String> aValue, boolean active) {
		List<Condition> conditions = new ArrayList<>();
		for (int i = 0; cField != null && i < cField.size(); i++) {
			if (!cField.get(i).isBlank()) {
				conditions.add(new Condition(cField.get(i), at(cOp, i), at(cValue, i)));
			}
		}
		List<Action> actions = new ArrayList<>();
		for (int i = 0; aDo != null && i < aDo.size(); i++) {
			if (aDo.get(i).isBlank()) {
				continue;
			}
			String[] d = DO.get(aDo.get(i));
			if (d == null) {
				throw new InvalidInputException("automation.action-invalid", aDo.get(i), "", at(aValue, i));
			}
			actions.add(new Action(d[0], d[1], at(aValue, i)));
		}
		Integer position = null;
		try {
			position = form.get("position") == null || form.get("position").isBlank() ? null
					: Integer.valueOf(form.get("position").strip());
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("api.invalid-value", "position", form.get("position"), "0–9999");
		}
		return new RuleInput(form.get("name"), form.get("kind"), events == null ? Set.of() : new LinkedHashSet<>(events),
				conditions, actions, active, position);
	}

	private static String at(List<String> values, int i) {
		return values != null && i < values.size() ? values.get(i) : "";
	}

	private static long number(String ticket) {
		String t = ticket == null ? "" : ticket.strip().replaceFirst("^#", "");
		if (!t.matches("\\d{1,18}")) {
			throw new InvalidInputException("automation.ticket-unknown", ticket == null ? "" : ticket);
		}
		return Long.parseLong(t);
	}

	// ---- API

	/** A rule as the API shows it, with its plain-language reading. */
	record RuleView(long id, String name, String kind, Set<String> events, List<Condition> conditions,
			List<Action> actions, boolean active, int position, java.time.Instant updatedAt, String reads) {

		static RuleView of(Rule r, RuleText text, Locale locale) {
			return new RuleView(r.id(), r.name(), r.kind().code(), r.events(), r.conditions(), r.actions(), r.active(),
					r.position(), r.updatedAt(), text.of(r, locale));
		}
	}

	/** A rule to save: kind event (with events), time (with one hours_in_status condition) or macro. */
	record RuleRequest(String name, String kind, Set<String> events, List<Condition> conditions, List<Action> actions,
			Boolean active, Integer position) {

		RuleInput input() {
			return new RuleInput(name, kind, events, conditions, actions, active, position);
		}
	}

	@GetMapping("/api/v1/automation/rules")
	@PreAuthorize("hasAuthority('automation.manage')")
	@ResponseBody
	@Operation(summary = "Every rule and macro, in order, each with its plain-language reading")
	List<RuleView> all(Locale locale) {
		return rules.all().stream().map(r -> RuleView.of(r, text, locale)).toList();
	}

	@GetMapping("/api/v1/automation/rules/{id}")
	@PreAuthorize("hasAuthority('automation.manage')")
	@ResponseBody
	@Operation(summary = "One rule")
	RuleView one(@PathVariable long id, Locale locale) {
		return RuleView.of(rules.get(id), text, locale);
	}

	@PostMapping("/api/v1/automation/rules")
	@PreAuthorize("hasAuthority('automation.manage')")
	@ResponseBody
	@Operation(summary = "Add a rule; it starts switched off unless active is true")
	ResponseEntity<RuleView> add(@RequestBody RuleRequest request, Actor actor, Locale locale) {
		Rule rule = rules.create(request.input(), actor);
		return ResponseEntity.created(URI.create("/api/v1/automation/rules/" + rule.id()))
			.body(RuleView.of(rule, text, locale));
	}

	@PutMapping("/api/v1/automation/rules/{id}")
	@PreAuthorize("hasAuthority('automation.manage')")
	@ResponseBody
	@Operation(summary = "Change a rule (active left out: stays as it is)")
	RuleView change(@PathVariable long id, @RequestBody RuleRequest request, Actor actor, Locale locale) {
		return RuleView.of(rules.update(id, request.input(), actor), text, locale);
	}

	@DeleteMapping("/api/v1/automation/rules/{id}")
	@PreAuthorize("hasAuthority('automation.manage')")
	@Operation(summary = "Delete a rule; what it did stays in the tickets' history")
	ResponseEntity<Void> remove(@PathVariable long id) {
		rules.delete(id);
		return ResponseEntity.noContent().build();
	}

	/** {@code ticket}: a ticket number to try the rule on; or {@code recent}: how many of the latest tickets. */
	record TryRequest(Long ticket, Integer recent) {
	}

	@PostMapping("/api/v1/automation/rules/{id}/try")
	@PreAuthorize("hasAuthority('automation.manage')")
	@ResponseBody
	@Operation(summary = "What would this rule have done? On one ticket (each condition met or not, each action and "
			+ "whether it would change anything) or on the latest tickets. Nothing is changed")
	Object tryIt(@PathVariable long id, @RequestBody TryRequest request) {
		Rule rule = rules.get(id);
		if (request.ticket() != null) {
			return trials.tryOn(rule, request.ticket());
		}
		Sample sample = trials.tryOnRecent(rule, request.recent() == null ? 200 : request.recent());
		return Map.of("tried", sample.tried(), "matched", sample.matched().stream().map(Trial::number).toList());
	}

	@GetMapping("/api/v1/automation/rules/{id}/runs")
	@PreAuthorize("hasAuthority('automation.manage')")
	@ResponseBody
	@Operation(summary = "What the rule did lately: ticket, trigger, outcome (done, failed, loop_stopped), detail")
	List<Run> runs(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
		rules.get(id);
		return rules.runs(id, limit);
	}

	@GetMapping("/api/v1/macros")
	@PreAuthorize("hasAuthority('ticket.view')")
	@ResponseBody
	@Operation(summary = "The macros agents can apply")
	List<RuleView> macroList(Locale locale) {
		return rules.macros().stream().map(r -> RuleView.of(r, text, locale)).toList();
	}

	@PostMapping("/api/v1/tickets/{id}/macros/{macro}")
	@PreAuthorize("hasAuthority('ticket.edit')")
	@ResponseBody
	@Operation(summary = "Apply a macro to a ticket as the caller; returns what it changed")
	Map<String, Object> applyApi(@PathVariable long id, @PathVariable long macro, Actor actor) {
		tickets.summary(new TicketId(id));
		return Map.of("done", automation.applyMacro(macro, new TicketId(id), actor));
	}
}
