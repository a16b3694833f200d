package org.kefu.identity.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kefu.identity.ApiTokens;
import org.kefu.identity.Permission;
import org.kefu.identity.Users;
import org.kefu.platform.Locales;
import org.kefu.platform.ProblemResponses;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two ways in: the REST API under {@code /api} with bearer tokens and no session, and the pages
 * with a login form, a session and CSRF protection. Each page area needs its permission;
 * finer checks sit on the controllers.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
			+ "style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
			+ "base-uri 'self'; form-action 'self'";

	@Bean
	AuthenticationManager authenticationManager(PasswordAuthentication passwords) {
		return new ProviderManager(passwords);
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, Users users, ProblemResponses problems)
			throws Exception {
		http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			.addFilterBefore(new BearerTokens(tokens, users, problems), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(auth -> auth
				.requestMatchers(HttpMethod.POST, "/api/v1/auth/token").permitAll()
				// integrations prove themselves by token and signature in the controller, not as users
				.requestMatchers(HttpMethod.POST, "/api/v1/cti/events", "/api/v1/im/messages").permitAll()
				.anyRequest().authenticated())
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
					problem(problems, request, response, 401, "api.unauthenticated");
				})
				.accessDeniedHandler(
						(request, response, ex) -> problem(problems, request, response, 403, "api.forbidden")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http, Users users) throws Exception {
		http.authorizeHttpRequests(auth -> auth
			.requestMatchers("/forms", "/forms/**", "/help", "/help/**").permitAll()
			.requestMatchers("/knowledge/bot", "/knowledge/bot/**").hasAuthority(Permission.KB_PUBLISH.code())
			.requestMatchers("/knowledge", "/knowledge/**").hasAuthority(Permission.KB_EDIT.code())
			.requestMatchers("/classification", "/classification/**").hasAuthority(Permission.CLASSIFY_MANAGE.code())
			.requestMatchers("/login", "/error", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico",
					"/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**",
					"/swagger-ui.html")
			.permitAll()
			.requestMatchers("/admin/users/**").hasAuthority(Permission.USER_MANAGE.code())
			.requestMatchers("/admin/teams/**").hasAuthority(Permission.TEAM_MANAGE.code())
			.requestMatchers("/admin/roles/**").hasAuthority(Permission.ROLE_MANAGE.code())
			.requestMatchers("/admin/business-types/**").hasAuthority(Permission.BUSINESS_TYPE_MANAGE.code())
			.requestMatchers("/admin/audit/**").hasAuthority(Permission.AUDIT_VIEW.code())
			.requestMatchers("/admin/calendars/**", "/admin/sla/**", "/admin/escalations/**").hasAuthority(Permission.SLA_MANAGE.code())
			.requestMatchers("/admin/automation", "/admin/automation/**").hasAuthority(Permission.AUTOMATION_MANAGE.code())
			.requestMatchers("/queues", "/queues/**").hasAuthority(Permission.TICKET_ASSIGN.code())
			.requestMatchers("/workforce/adherence", "/workforce/adherence/**", "/wallboard", "/wallboard/**")
			.hasAuthority(Permission.WORKFORCE_VIEW.code())
			.requestMatchers("/workforce", "/workforce/**").hasAuthority(Permission.WORKFORCE_PLAN.code())
			.requestMatchers("/routing/**").hasAuthority(Permission.TICKET_REPLY.code())
			.requestMatchers("/tickets/**", "/attachments/**", "/channels/tickets/**",
					"/mail/**").hasAuthority(Permission.TICKET_VIEW.code())
			.requestMatchers("/customers/**", "/segments/**").hasAuthority(Permission.CUSTOMER_VIEW.code())
			.requestMatchers("/grading/**").hasAnyAuthority(Permission.ACCOUNT_VIEW_ALL.code(),
					Permission.ACCOUNT_GRADE.code())
			.requestMatchers("/accounts/**", "/contracts/**", "/growth/**", "/business-lines/**", "/onboarding/**").hasAnyAuthority(Permission.ACCOUNT_VIEW.code(),
					Permission.ACCOUNT_VIEW_ALL.code())
			.requestMatchers("/imports/**").hasAnyAuthority(Permission.CUSTOMER_EDIT.code(), Permission.ACCOUNT_EDIT.code())
			.requestMatchers("/admin/integrations/**").hasAuthority(Permission.INTEGRATION_MANAGE.code())
			.requestMatchers("/admin/mailboxes/**").hasAuthority(Permission.MAILBOX_MANAGE.code())
			.requestMatchers("/admin/webhooks/**").hasAuthority(Permission.WEBHOOK_MANAGE.code())
			.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login").failureHandler(loginFailure()).defaultSuccessUrl("/", false))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.addFilterAfter(new FreshPermissions(users), SecurityContextHolderFilter.class)
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	private static AuthenticationFailureHandler loginFailure() {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
			String query = switch (e) {
				case PasswordAuthentication.Throttled t -> "throttled&minutes=" + t.minutes();
				case org.springframework.security.authentication.DisabledException d -> "disabled";
				default -> "error";
			};
			response.sendRedirect(request.getContextPath() + "/login?" + query);
		};
	}

	private static void problem(ProblemResponses problems, HttpServletRequest request, HttpServletResponse response,
			int status, String code) throws IOException {
		problems.write(request, response, problems.problem(request, status, code, null, Locales.fromRequest(request)));
	}
}
