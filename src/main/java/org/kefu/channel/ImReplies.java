package org.kefu.channel;

import java.util.LinkedHashMap;
import java.util.Map;

import org.kefu.ticket.Author;
import org.kefu.ticket.TicketDetail;
import org.kefu.ticket.TicketMessageAdded;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.Visibility;
import org.kefu.webhook.Webhooks;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Sends an agent's public reply on a ticket that came by IM back to the adapter: an
 * {@code im.outbound.<source>} event, signed with the integration's secret, retried until the
 * adapter takes it. Internal notes never leave.
 */
@Component
class ImReplies {

	private final Tickets tickets;
	private final ChannelContacts contacts;
	private final Webhooks webhooks;

	ImReplies(Tickets tickets, ChannelContacts contacts, Webhooks webhooks) {
		this.tickets = tickets;
		this.contacts = contacts;
		this.webhooks = webhooks;
	}

	@ApplicationModuleListener(condition = "#added.author() == T(org.kefu.ticket.Author).AGENT"
			+ " and #added.visibility() == T(org.kefu.ticket.Visibility).PUBLIC")
	void on(TicketMessageAdded added) {
		if (added.author() != Author.AGENT || added.visibility() != Visibility.PUBLIC) {
			return;
		}
		contacts.conversationOf(added.ticket()).ifPresent(conversation -> {
			TicketDetail detail = tickets.detail(added.ticket());
			detail.messages().stream().filter(m -> m.id() == added.message()).findFirst().ifPresent(m -> {
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("channel", conversation.source());
				data.put("externalUserId", conversation.data().get("user"));
				data.put("ticket", added.number());
				data.put("messageId", m.id());
				data.put("text", m.body());
				data.put("attachments", m.attachments().stream().map(a -> Map.of("id", a.id(), "filename",
						a.filename(), "contentType", a.contentType(), "size", a.size())).toList());
				webhooks.publish("im.outbound." + conversation.source(), data);
			});
		});
	}
}
