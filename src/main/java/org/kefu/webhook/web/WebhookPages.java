package org.kefu.webhook.web;

import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;

import org.kefu.webhook.Webhooks;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration of outbound webhooks ({@code webhook.manage}). */
@Controller
@RequestMapping("/admin/webhooks")
class WebhookPages {

	private final Webhooks webhooks;

	WebhookPages(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("webhooks", webhooks.all());
		model.addAttribute("events", new TreeSet<>(Webhooks.EVENTS));
		return "webhook/webhooks";
	}

	@PostMapping
	String subscribe(@RequestParam String url, @RequestParam(required = false) List<String> events,
			RedirectAttributes redirect) {
		Webhooks.Created created = webhooks.subscribe(url, events == null ? null : new HashSet<>(events), null);
		redirect.addFlashAttribute("secret", created.secret());
		redirect.addFlashAttribute("notice", "webhook.created");
		return "redirect:/admin/webhooks";
	}

	@PostMapping("/{id}/active")
	String active(@PathVariable long id, @RequestParam boolean active) {
		webhooks.setActive(id, active);
		return "redirect:/admin/webhooks";
	}
}
