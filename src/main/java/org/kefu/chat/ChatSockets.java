package org.kefu.chat;

import java.security.Principal;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The visitors' STOMP endpoint, {@code /chat/live?session=…&key=…}: the handshake is accepted only
 * with the chat's key, and the connection's principal is that chat, so a visitor receives exactly
 * their own chat on {@code /user/queue/chat}. Same origin only: the widget's frame is Kefu's page.
 */
@Configuration
class ChatSockets implements WebSocketMessageBrokerConfigurer {

	private final JdbcClient jdbc;

	ChatSockets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static String principal(UUID chat) {
		return "visitor-" + chat;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/chat/live").setHandshakeHandler(new DefaultHandshakeHandler() {
			@Override
			protected Principal determineUser(ServerHttpRequest request, WebSocketHandler handler,
					Map<String, Object> attributes) {
				var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
				String session = query.getFirst("session");
				String key = query.getFirst("key");
				if (session == null || key == null) {
					return null;
				}
				UUID id;
				try {
					id = UUID.fromString(session);
				}
				catch (IllegalArgumentException e) {
					return null;
				}
				boolean known = jdbc.sql("select count(*) from chat_session where public_id = ? and key_hash = ?")
					.params(id, Chats.hash(key)).query(Integer.class).single() > 0;
				if (!known) {
					return null;
				}
				String name = principal(id);
				return () -> name;
			}
		});
	}
}
