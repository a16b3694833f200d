package org.kefu.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.kefu.automation.Rule.Action;
import org.kefu.automation.Rule.Condition;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.ticket.BusinessTypes;
import org.kefu.webhook.Webhooks;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A rule in plain language, in the reader's language: "When a ticket is created, if priority is
 * Urgent and business type is Complaint: tell the team lead “…”; add tag “urgent_complaint”." Values
 * are shown by name — statuses, teams, people — never by code or id.
 */
@Component("ruleText")
public class RuleText {

	private final MessageSource messages;
	private final BusinessTypes businessTypes;
	private final Teams teams;
	private final Users users;
	private final Webhooks webhooks;

	RuleText(MessageSource messages, BusinessTypes businessTypes, Teams teams, Users users, Webhooks webhooks) {
		this.messages = messages;
		this.businessTypes = businessTypes;
		this.teams = teams;
		this.users = users;
		this.webhooks = webhooks;
	}

	public String of(Rule rule, Locale locale) {
		List<String> conditions = new ArrayList<>();
		String trigger;
		switch (rule.kind()) {
			case EVENT -> trigger = rule.events().stream().map(e -> msg(locale, "automation.event." + e))
				.collect(Collectors.joining(msg(locale, "automation.text.or")));
			case TIME -> {
				String status = rule.conditions().stream()
					.filter(c -> c.field().equals("status") && c.op().equals("is")).findFirst()
					.map(c -> value(c.field(), c.value(), locale)).orElse(null);
				String hours = hours(rule.hoursInStatus());
				trigger = status == null ? msg(locale, "automation.trigger.time-any", hours)
						: msg(locale, "automation.trigger.time", status, hours);
			}
			default -> trigger = msg(locale, "automation.trigger.macro");
		}
		for (Condition c : rule.conditions()) {
			if (c.field().equals("hours_in_status") || rule.kind() == Rule.Kind.TIME && c.field().equals("status")
					&& c.op().equals("is")) {
				continue;
			}
			conditions.add(condition(c, locale));
		}
		String actions = rule.actions().stream().map(a -> action(a, locale))
			.collect(Collectors.joining(msg(locale, "automation.text.then")));
		return conditions.isEmpty() ? msg(locale, "automation.text.always", trigger, actions)
				: msg(locale, "automation.text.if", trigger, String.join(msg(locale, "automation.text.and"), conditions),
						actions);
	}

	public String condition(Condition c, Locale locale) {
		String field = msg(locale, "automation.field." + c.field());
		if (c.field().equals("changed")) {
			return msg(locale, "automation.cond.changed", msg(locale, "automation.field." + c.value()));
		}
		if (c.field().equals("hours_in_status")) {
			return msg(locale, "automation.cond.hours", hours(Double.parseDouble(c.value())));
		}
		return msg(locale, "automation.cond." + c.op(), field, c.value() == null ? "" : value(c.field(), c.value(), locale));
	}

	public String action(Action a, Locale locale) {
		return switch (a.type()) {
			case "set" -> msg(locale, "automation.act.set", msg(locale, "automation.field." + a.field()),
					value(a.field(), a.value(), locale));
			case "assign" -> msg(locale, "automation.act.assign." + a.field(), value("user".equals(a.field()) ? "assignee"
					: "team", a.value(), locale));
			case "add_tag", "remove_tag" -> msg(locale, "automation.act." + a.type(), a.value());
			case "notify" -> msg(locale, "automation.act.notify", a.field().startsWith("user:")
					? value("assignee", a.field().substring(5), locale) : msg(locale, "automation.who." + a.field()),
					shorten(a.value()));
			case "reply" -> msg(locale, "automation.act.reply." + a.field(), shorten(a.value()));
			case "webhook" -> msg(locale, "automation.act.webhook", webhooks.all().stream()
				.filter(w -> String.valueOf(w.id()).equals(a.value())).map(w -> w.url()).findFirst().orElse("#" + a.value()));
			default -> a.type();
		};
	}

	/** A value by its name in the reader's language. */
	public String value(String field, String value, Locale locale) {
		try {
			return switch (field) {
				case "status" -> msg(locale, "ticket.status." + value);
				case "priority" -> msg(locale, "ticket.priority." + value);
				case "channel" -> msg(locale, "ticket.channel." + value);
				case "business_type" -> businessTypes.find(value).map(b -> b.name(locale)).orElse(value);
				case "team" -> teams.find(new TeamId(Long.parseLong(value))).map(t -> t.name()).orElse("#" + value);
				case "assignee" -> users.find(new UserId(Long.parseLong(value))).map(u -> u.displayName()).orElse("#" + value);
				default -> "“" + value + "”";
			};
		}
		catch (NumberFormatException e) {
			return value;
		}
	}

	private static String hours(double hours) {
		return hours == Math.rint(hours) ? String.valueOf((long) hours) : String.valueOf(hours);
	}

	private static String shorten(String text) {
		return text.length() > 60 ? text.substring(0, 60) + "…" : text;
	}

	private String msg(Locale locale, String key, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}
}
