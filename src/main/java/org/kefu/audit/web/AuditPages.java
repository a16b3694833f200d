package org.kefu.audit.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.kefu.audit.AuditEntry;
import org.kefu.audit.AuditLog;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.Slice;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log, read-only, for administrators ({@code audit.view}). */
@Controller
class AuditPages {

	private final AuditLog log;
	private final ZoneId zone;

	AuditPages(AuditLog log, @Value("${kefu.time-zone:Asia/Shanghai}") String zone) {
		this.log = log;
		this.zone = ZoneId.of(zone);
	}

	@GetMapping("/admin/audit")
	String list(@RequestParam(required = false) String type, @RequestParam(required = false) String entity,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String cursor, Model model) {
		Slice<AuditEntry> page = log.read(type, entity, actor, day(from, 0), day(to, 1), cursor, 50);
		model.addAttribute("entries", page.items());
		model.addAttribute("nextCursor", page.nextCursor());
		model.addAttribute("types", log.entityTypes());
		model.addAttribute("type", type);
		model.addAttribute("entity", entity);
		model.addAttribute("actor", actor);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("cursor", cursor);
		return "audit/audit";
	}

	/**
	 * A ticket's history on its page: every change, who made it — a person, the system or a rule by
	 * its name — newest first. Under {@code /tickets/}, so whoever may see the ticket may see this.
	 */
	@GetMapping("/tickets/{id}/history")
	String ticketHistory(@PathVariable long id, @RequestParam(required = false) String cursor, Model model) {
		Slice<AuditEntry> page = log.read("ticket", String.valueOf(id), null, null, null, cursor, 30);
		model.addAttribute("entries", page.items());
		model.addAttribute("nextCursor", page.nextCursor());
		model.addAttribute("ticketId", id);
		return "audit/history :: history";
	}

	private Instant day(String value, int plusDays) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value).plusDays(plusDays).atStartOfDay(zone).toInstant();
		}
		catch (RuntimeException e) {
			throw new InvalidInputException("audit.date-invalid", value);
		}
	}
}
