package org.kefu.chat.web;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.kefu.chat.Chats;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.identity.Users;
import org.kefu.live.Live;
import org.kefu.shared.Actor;
import org.kefu.shared.KefuException;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Controller;

/**
 * Agents answering over their live connection instead of a request per message: STOMP {@code SEND}
 * to {@code /app/chat/{id}/messages} ({@code {"clientId","text"}}) or {@code /app/chat/{id}/typing}.
 * The stored message comes back on the agent's {@code /user/queue/live} as {@code chat.message},
 * with its client id: that is the acknowledgement; a refusal comes back as {@code chat.refused}
 * with the client id and the reason's code. The same rules as the API: the agent's own chat only,
 * and {@code ticket.reply}.
 */
@Controller
class ChatAgentSocket {

	private final Chats chats;
	private final Users users;
	private final Live live;

	ChatAgentSocket(Chats chats, Users users, Live live) {
		this.chats = chats;
		this.users = users;
		this.live = live;
	}

	record Reply(String clientId, String text) {
	}

	@MessageMapping("/chat/{id}/messages")
	void reply(@DestinationVariable long id, @Payload Reply reply, Principal principal) {
		CurrentUser agent = agent(principal);
		if (agent == null) {
			return;
		}
		try {
			// not waited for: this connection's next message is read while this one is stored
			chats.replyLater(id, Actor.user(agent.id(), agent.username(), null), reply.clientId(), reply.text())
				.exceptionally(e -> {
					refuse(agent, id, reply.clientId(), e.getCause() instanceof KefuException k ? k.code() : "chat.not-stored");
					return null;
				});
		}
		catch (KefuException e) {
			refuse(agent, id, reply.clientId(), e.code());
		}
	}

	private void refuse(CurrentUser agent, long chat, String clientId, String code) {
		Map<String, Object> refused = new LinkedHashMap<>();
		refused.put("chat", chat);
		refused.put("clientId", clientId == null ? "" : clientId);
		refused.put("code", code);
		live.push(agent.id(), "chat.refused", refused);
	}

	@MessageMapping("/chat/{id}/typing")
	void typing(@DestinationVariable long id, Principal principal) {
		CurrentUser agent = agent(principal);
		if (agent == null) {
			return;
		}
		try {
			chats.typing(id, Actor.user(agent.id(), agent.username(), null));
		}
		catch (KefuException e) {
			// typing into a chat that is no longer theirs: nothing to tell
		}
	}

	/** The signed-in agent behind a live connection, if they may answer chats; chat visitors are not. */
	private CurrentUser agent(Principal principal) {
		return Live.userOf(principal).flatMap(users::currentUser)
			.filter(u -> u.enabled() && u.can(Permission.TICKET_REPLY)).orElse(null);
	}
}
