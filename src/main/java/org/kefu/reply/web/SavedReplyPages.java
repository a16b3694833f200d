package org.kefu.reply.web;

import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.platform.Messages;
import org.kefu.reply.SavedReplies;
import org.kefu.reply.SavedReplies.SavedReply;
import org.kefu.reply.SavedReplies.SavedReplyForm;
import org.kefu.shared.Actor;
import org.kefu.shared.KefuException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The saved replies page: the shared replies and the agent's own, found by a word, added, changed
 * and deleted; and the fragments the chat console and the ticket page use to pick one.
 */
@Controller
@RequestMapping("/replies")
@PreAuthorize("hasAuthority('ticket.reply')")
class SavedReplyPages {

	private final SavedReplies replies;
	private final Messages messages;

	SavedReplyPages(SavedReplies replies, Messages messages) {
		this.replies = replies;
		this.messages = messages;
	}

	@GetMapping
	String list(@RequestParam(required = false) String q, @AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("replies", replies.available(me.id(), q));
		model.addAttribute("q", q);
		model.addAttribute("mayShare", me.can(Permission.REPLY_MANAGE));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new SavedReplyForm(null, null, null, false, null));
		}
		return "reply/replies";
	}

	@GetMapping("/{id}")
	String edit(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		SavedReply reply = replies.get(id, me.id());
		model.addAttribute("editing", reply);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new SavedReplyForm(reply.title(), reply.shortcut(), reply.body(), reply.shared(),
					reply.language()));
		}
		return list(null, me, model);
	}

	@PostMapping
	String create(@ModelAttribute SavedReplyForm form, Actor actor, @AuthenticationPrincipal CurrentUser me,
			Model model, RedirectAttributes redirect) {
		try {
			replies.create(form, actor, me.can(Permission.REPLY_MANAGE));
		}
		catch (KefuException e) {
			model.addAttribute("error", messages.text(e));
			model.addAttribute("form", form);
			return list(null, me, model);
		}
		redirect.addFlashAttribute("notice", "reply.saved");
		return "redirect:/replies";
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute SavedReplyForm form, Actor actor,
			@AuthenticationPrincipal CurrentUser me, Model model, RedirectAttributes redirect) {
		try {
			replies.update(id, form, actor, me.can(Permission.REPLY_MANAGE));
		}
		catch (KefuException e) {
			model.addAttribute("error", messages.text(e));
			model.addAttribute("form", form);
			return edit(id, me, model);
		}
		redirect.addFlashAttribute("notice", "reply.saved");
		return "redirect:/replies";
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, Actor actor, @AuthenticationPrincipal CurrentUser me,
			RedirectAttributes redirect) {
		replies.delete(id, actor, me.can(Permission.REPLY_MANAGE));
		redirect.addFlashAttribute("notice", "reply.deleted");
		return "redirect:/replies";
	}

	/** The picker's list: replies matching what the agent typed. */
	@GetMapping("/picker")
	String picker(@RequestParam(required = false) String q, @AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("replies", replies.available(me.id(), q).stream().limit(12).toList());
		return "reply/picker :: list";
	}

	/** A reply filled in for a ticket, for the picker to insert. */
	@PostMapping("/{id}/fill")
	@ResponseBody
	SavedReplies.Filled fill(@PathVariable long id, @RequestParam(required = false) Long ticket, Actor actor) {
		return replies.fill(id, ticket == null ? null : new org.kefu.ticket.TicketId(ticket), actor);
	}
}
