package org.kefu.channel.web;

import org.kefu.channel.Integrations;
import org.kefu.shared.Actor;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator's page of integrations: telephony systems and IM adapters. */
@Controller
@RequestMapping("/admin/integrations")
@PreAuthorize("hasAuthority('integration.manage')")
class IntegrationPages {

	private final Integrations integrations;

	IntegrationPages(Integrations integrations) {
		this.integrations = integrations;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("integrations", integrations.all());
		return "channel/integrations";
	}

	@PostMapping
	String create(@RequestParam String kind, @RequestParam String name, @RequestParam String source,
			@RequestParam(required = false) String outboundUrl, Actor actor, RedirectAttributes redirect) {
		Integrations.Created created = integrations.create(kind, name, source, outboundUrl, actor);
		redirect.addFlashAttribute("notice", "channel.integration-created");
		redirect.addFlashAttribute("createdToken", created.token());
		redirect.addFlashAttribute("createdSecret", created.secret());
		return "redirect:/admin/integrations";
	}

	@PostMapping("/{id}/active")
	String active(@PathVariable long id, @RequestParam boolean active, RedirectAttributes redirect) {
		integrations.setActive(id, active);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/integrations";
	}
}
