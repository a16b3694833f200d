package org.kefu.live;

import java.security.Principal;
import java.util.Map;

import org.kefu.identity.CurrentUser;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.messaging.simp.broker.DefaultSubscriptionRegistry;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * STOMP over a plain WebSocket at {@code /live} (and {@code /api/v1/live} for API tokens). The
 * session or the token authenticates the handshake (signed-in users only) and the default origin
 * check refuses other sites; the connection's principal is the user's id, so that user
 * destinations reach exactly them.
 */
@Configuration
@EnableWebSocketMessageBroker
class LiveConfiguration implements WebSocketMessageBrokerConfigurer {

	static String principalName(long user) {
		return "user-" + user;
	}

	/**
	 * {@code /live} for pages (their session signs the handshake in), {@code /api/v1/live} for agents'
	 * own tools (an API token in the handshake's {@code Authorization} header): the same messages
	 * both ways.
	 */
	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/live", "/api/v1/live").setHandshakeHandler(new DefaultHandshakeHandler() {
			@Override
			protected Principal determineUser(ServerHttpRequest request, WebSocketHandler handler,
					Map<String, Object> attributes) {
				Principal principal = request.getPrincipal();
				if (principal instanceof Authentication auth && auth.getPrincipal() instanceof CurrentUser user) {
					String name = principalName(user.id());
					return () -> name;
				}
				return null;
			}
		});
	}

	/**
	 * Every connection has its own user queue, so the broker's cache of which subscriptions a
	 * destination reaches must hold one entry per connection; at Spring's default of 1,024, with
	 * thousands of chat visitors connected, nearly every message missed it and was matched against
	 * every subscription.
	 */
	@Bean
	static BeanPostProcessor subscriptionCacheForEveryConnection() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof SimpleBrokerMessageHandler broker
						&& broker.getSubscriptionRegistry() instanceof DefaultSubscriptionRegistry registry) {
					registry.setCacheLimit(SUBSCRIPTION_CACHE);
				}
				return bean;
			}
		};
	}

	static final int SUBSCRIPTION_CACHE = 65_536;

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.enableSimpleBroker("/queue");
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
	}
}
