package org.kefu.bot.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The bot's customer side is public — the help center and the chat frame ask it without signing
 * in. Nothing there is authorised by a cookie, so there is no CSRF token; each address is limited
 * in how often it may ask.
 */
@Configuration
class BotSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain publicBot(HttpSecurity http) throws Exception {
		http.securityMatcher("/bot/ask", "/bot/feedback")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
		return http.build();
	}
}
