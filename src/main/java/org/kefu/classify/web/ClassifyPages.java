package org.kefu.classify.web;

import java.util.ArrayList;
import java.util.List;

import org.kefu.classify.ContactClassifier;
import org.kefu.classify.Triage;
import org.kefu.identity.Teams;
import org.kefu.platform.Messages;
import org.kefu.shared.Actor;
import org.kefu.shared.KefuException;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketSummary;
import org.kefu.ticket.Tickets;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The classifier's administration page and the triage queue. */
@Controller
class ClassifyPages {

	private final ContactClassifier classifier;
	private final Triage triage;
	private final Tickets tickets;
	private final BusinessTypes businessTypes;
	private final Teams teams;
	private final Messages messages;

	ClassifyPages(ContactClassifier classifier, Triage triage, Tickets tickets, BusinessTypes businessTypes, Teams teams,
			Messages messages) {
		this.classifier = classifier;
		this.triage = triage;
		this.tickets = tickets;
		this.businessTypes = businessTypes;
		this.teams = teams;
		this.messages = messages;
	}

	@GetMapping("/classification")
	String models(@RequestParam(required = false) String text, Model model) {
		model.addAttribute("models", classifier.models());
		model.addAttribute("threshold", classifier.threshold());
		model.addAttribute("triage", triage.count());
		if (text != null && !text.isBlank()) {
			model.addAttribute("text", text);
			try {
				model.addAttribute("prediction", classifier.predict(text).orElse(null));
			}
			catch (KefuException e) {
				model.addAttribute("error", messages.text(e));
			}
		}
		model.addAttribute("types", businessTypes.all());
		return "classify/models";
	}

	@PostMapping("/classification/train")
	String train(Actor actor, RedirectAttributes redirect) {
		ContactClassifier.ModelInfo info = classifier.train(actor);
		redirect.addFlashAttribute("notice", "classify.trained.notice");
		redirect.addFlashAttribute("noticeArgs", new Object[] { info.version(), info.examples() });
		return "redirect:/classification";
	}

	@PostMapping("/classification/threshold")
	String threshold(@RequestParam double threshold, Actor actor, RedirectAttributes redirect) {
		classifier.setThreshold(threshold, actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/classification";
	}

	record Row(Triage.Waiting waiting, TicketSummary ticket) {
	}

	@GetMapping("/queues/triage")
	String triage(Model model) {
		List<Row> rows = new ArrayList<>();
		for (Triage.Waiting w : triage.waiting(100)) {
			rows.add(new Row(w, tickets.summary(new TicketId(w.ticketId()))));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("types", businessTypes.active());
		model.addAttribute("teams", teams.all().stream().filter(t -> t.active()).toList());
		return "classify/triage";
	}

	@PostMapping("/queues/triage/{ticketId}")
	@PreAuthorize("hasAuthority('ticket.assign')")
	String decide(@PathVariable long ticketId, @RequestParam String businessType,
			@RequestParam(required = false) Long team, Actor actor, RedirectAttributes redirect) {
		triage.decide(ticketId, businessType, team, actor);
		redirect.addFlashAttribute("notice", "classify.triaged");
		return "redirect:/queues/triage";
	}
}
