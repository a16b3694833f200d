package org.kefu.bot.web;

import java.util.List;

import org.kefu.bot.Bot;
import org.kefu.bot.LearningLoop;
import org.kefu.platform.Messages;
import org.kefu.shared.Actor;
import org.kefu.shared.KefuException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The knowledge owners' view of the bot: questions it could not answer well, grouped, each to be
 * turned into an article or a new phrasing of an existing one (or set aside); the threshold, and
 * what other thresholds would have done on past questions.
 */
@Controller
class LearningPages {

	private static final List<Double> THRESHOLDS = List.of(0.45, 0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.75, 0.8);

	private final Bot bot;
	private final LearningLoop learning;
	private final Messages messages;

	LearningPages(Bot bot, LearningLoop learning, Messages messages) {
		this.bot = bot;
		this.learning = learning;
		this.messages = messages;
	}

	@GetMapping("/knowledge/learning")
	String learning(Model model) {
		model.addAttribute("groups", learning.groups(100));
		model.addAttribute("settings", bot.settings());
		return "bot/learning";
	}

	@PostMapping("/knowledge/learning/resolve")
	String resolve(@RequestParam List<Long> ids, Actor actor, RedirectAttributes redirect) {
		int n = learning.resolve(ids, actor);
		redirect.addFlashAttribute("notice", "bot.learning.resolved");
		redirect.addFlashAttribute("noticeArgs", new Object[] { n });
		return "redirect:/knowledge/learning";
	}

	@GetMapping("/knowledge/bot")
	String settings(@RequestParam(defaultValue = "500") int last, Model model) {
		model.addAttribute("settings", bot.settings());
		model.addAttribute("replays", learning.replay(THRESHOLDS, last));
		model.addAttribute("last", last);
		return "bot/settings";
	}

	@PostMapping("/knowledge/bot")
	@PreAuthorize("hasAuthority('kb.publish')")
	String configure(@RequestParam double threshold, @RequestParam(defaultValue = "false") boolean enabled, Actor actor,
			Model model, RedirectAttributes redirect) {
		try {
			bot.configure(threshold, enabled, actor);
		}
		catch (KefuException e) {
			redirect.addFlashAttribute("error", messages.text(e));
			return "redirect:/knowledge/bot";
		}
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/knowledge/bot";
	}
}
