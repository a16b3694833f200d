package org.kefu.mail.web;

import org.kefu.mail.MailFetcher;
import org.kefu.mail.MailboxForm;
import org.kefu.mail.Mailboxes;
import org.kefu.platform.Messages;
import org.kefu.shared.Actor;
import org.kefu.shared.KefuException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator's mailboxes: connect one, change it, try its servers, read it now, pause it. */
@Controller
@RequestMapping("/admin/mailboxes")
@PreAuthorize("hasAuthority('mailbox.manage')")
class MailboxPages {

	private final Mailboxes mailboxes;
	private final MailFetcher fetcher;
	private final Messages messages;

	MailboxPages(Mailboxes mailboxes, MailFetcher fetcher, Messages messages) {
		this.mailboxes = mailboxes;
		this.fetcher = fetcher;
		this.messages = messages;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("mailboxes", mailboxes.all());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new MailboxForm(null, null, null, 993, "ssl", null, null, "INBOX", null, 465, "ssl",
					null, null, true));
		}
		return "mail/mailboxes";
	}

	@GetMapping("/{id}")
	String edit(@PathVariable long id, Model model) {
		var m = mailboxes.get(id);
		model.addAttribute("mailbox", m);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new MailboxForm(m.name(), m.address(), m.imapHost(), m.imapPort(), m.imapSecurity(),
					m.imapUser(), null, m.folder(), m.smtpHost(), m.smtpPort(), m.smtpSecurity(), m.smtpUser(), null,
					m.acknowledge()));
		}
		return "mail/mailbox";
	}

	@PostMapping
	String create(@ModelAttribute MailboxForm form, Actor actor, Model model, RedirectAttributes redirect) {
		try {
			mailboxes.create(form, actor);
		}
		catch (KefuException e) {
			model.addAttribute("error", messages.text(e));
			model.addAttribute("form", withoutPasswords(form));
			return list(model);
		}
		redirect.addFlashAttribute("notice", "mail.mailbox-created");
		return "redirect:/admin/mailboxes";
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute MailboxForm form, Actor actor, Model model,
			RedirectAttributes redirect) {
		try {
			mailboxes.update(id, form, actor);
		}
		catch (KefuException e) {
			model.addAttribute("error", messages.text(e));
			model.addAttribute("form", withoutPasswords(form));
			return edit(id, model);
		}
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/mailboxes";
	}

	@PostMapping("/{id}/test")
	String test(@PathVariable long id, RedirectAttributes redirect) {
		Mailboxes.Check check = mailboxes.test(id);
		redirect.addFlashAttribute("check", check);
		redirect.addFlashAttribute("checked", id);
		return "redirect:/admin/mailboxes";
	}

	@PostMapping("/{id}/fetch")
	String fetch(@PathVariable long id, RedirectAttributes redirect) {
		MailFetcher.Fetched fetched = fetcher.fetch(id);
		redirect.addFlashAttribute("fetched", fetched);
		redirect.addFlashAttribute("checked", id);
		return "redirect:/admin/mailboxes";
	}

	@PostMapping("/{id}/active")
	String active(@PathVariable long id, @RequestParam boolean active, RedirectAttributes redirect) {
		mailboxes.setActive(id, active);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/mailboxes";
	}

	private static MailboxForm withoutPasswords(MailboxForm f) {
		return new MailboxForm(f.name(), f.address(), f.imapHost(), f.imapPort(), f.imapSecurity(), f.imapUser(), null,
				f.folder(), f.smtpHost(), f.smtpPort(), f.smtpSecurity(), f.smtpUser(), null, f.acknowledge());
	}
}
