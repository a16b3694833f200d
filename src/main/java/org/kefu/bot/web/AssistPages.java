package org.kefu.bot.web;

import java.util.ArrayList;
import java.util.List;

import org.kefu.bot.Bot;
import org.kefu.bot.Bot.Guess;
import org.kefu.knowledge.Articles;
import org.kefu.knowledge.Articles.LiveArticle;
import org.kefu.ticket.Author;
import org.kefu.ticket.TicketDetail;
import org.kefu.ticket.TicketDetail.MessageView;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Agent assist on the ticket page: the articles (internal ones too) that best answer what the
 * customer wrote — the subject and their last messages — each with its text ready to insert into
 * the reply with one click.
 */
@Controller
class AssistPages {

	private static final int SUGGESTIONS = 3;
	private static final int CUSTOMER_MESSAGES = 2;

	private final Bot bot;
	private final Tickets tickets;
	private final Articles articles;

	AssistPages(Bot bot, Tickets tickets, Articles articles) {
		this.bot = bot;
		this.tickets = tickets;
		this.articles = articles;
	}

	record Suggestion(long id, String title, double confidence, String text, String visibility) {
	}

	@GetMapping("/tickets/{id}/assist")
	String assist(@PathVariable long id, Model model) {
		TicketDetail detail = tickets.detail(new TicketId(id));
		List<Guess> guesses = bot.suggest(customerText(detail), null, SUGGESTIONS);
		List<Suggestion> suggestions = new ArrayList<>();
		for (Guess guess : guesses) {
			articles.liveArticle(guess.articleId()).ifPresent(a -> suggestions.add(suggestion(a, guess)));
		}
		model.addAttribute("ticketId", id);
		model.addAttribute("suggestions", suggestions);
		return "bot/assist :: assist";
	}

	private static Suggestion suggestion(LiveArticle article, Guess guess) {
		String text = article.bodyText() == null ? "" : article.bodyText();
		return new Suggestion(article.id(), article.title(), guess.confidence(), text, article.visibility());
	}

	/** The subject and the customer's latest messages, newest last. */
	static String customerText(TicketDetail detail) {
		List<String> parts = new ArrayList<>();
		List<MessageView> messages = detail.messages();
		for (int i = messages.size() - 1; i >= 0 && parts.size() < CUSTOMER_MESSAGES; i--) {
			MessageView m = messages.get(i);
			if (m.author() == Author.CUSTOMER && m.body() != null && !m.body().isBlank()) {
				parts.addFirst(m.body().strip());
			}
		}
		parts.addFirst(detail.ticket().subject());
		String text = String.join("\n", parts);
		return text.length() > 1000 ? text.substring(text.length() - 1000) : text;
	}
}
