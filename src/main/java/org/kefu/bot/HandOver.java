package org.kefu.bot;

import java.util.List;
import java.util.UUID;

import org.kefu.shared.Actor;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * When a customer leaves the bot for a person, the agent gets what was said: an internal note on
 * the new ticket with each question, what the bot answered or that it was not sure, and its best
 * guesses with their confidence — so nobody asks the customer again.
 */
@Service
public class HandOver {

	private final Bot bot;
	private final Tickets tickets;

	HandOver(Bot bot, Tickets tickets) {
		this.bot = bot;
		this.tickets = tickets;
	}

	/** Notes the conversation on the ticket; nothing happens for an unknown or empty conversation. */
	@Transactional
	public void toTicket(UUID conversation, TicketId ticket) {
		List<Bot.Asked> asked = bot.conversation(conversation);
		if (asked.isEmpty()) {
			return;
		}
		StringBuilder note = new StringBuilder("机器人对话 / Bot conversation\n");
		for (Bot.Asked a : asked) {
			note.append("\n问 Q: ").append(a.question()).append('\n');
			if (a.answered()) {
				note.append("答 A: #").append(a.articleId()).append(' ').append(a.title())
					.append(String.format(" (%.0f%%)", a.confidence() * 100)).append('\n');
			}
			else {
				note.append("答 A: 不确定，转人工 / not sure, offered a person\n");
			}
			if (!a.guesses().isEmpty()) {
				note.append("猜测 Guesses: ");
				for (int i = 0; i < a.guesses().size(); i++) {
					Bot.Guess g = a.guesses().get(i);
					note.append(i == 0 ? "" : "; ").append('#').append(g.articleId()).append(' ').append(g.title())
						.append(String.format(" (%.0f%%)", g.confidence() * 100));
				}
				note.append('\n');
			}
		}
		tickets.reply(ticket, NewMessage.note(note.toString().strip()), Actor.system());
		bot.handedOver(conversation, ticket.value());
	}
}
