package org.kefu.chat.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The visitor's side of chat is public: the widget script, the chat frame other sites embed, its
 * calls (authorised by the chat's own key, never by cookies — so no CSRF token, which a frame on
 * another site could not keep anyway) and its WebSocket. The frame may be embedded by the sites in
 * {@code kefu.chat.frame-ancestors} (any site by default).
 */
@Configuration
class ChatSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain visitorChat(HttpSecurity http,
			@Value("${kefu.chat.frame-ancestors:*}") String frameAncestors) throws Exception {
		http.securityMatcher("/chat/visitor/**", "/chat/embed", "/chat/widget.js", "/chat/live", "/chat/live/**",
				"/chat/try")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.headers(headers -> headers
				.frameOptions(frame -> frame.disable())
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data: blob:; "
						+ "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; "
						+ "base-uri 'self'; form-action 'self'; frame-ancestors " + frameAncestors)));
		return http.build();
	}
}
