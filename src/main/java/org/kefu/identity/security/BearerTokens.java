package org.kefu.identity.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kefu.identity.ApiTokens;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Users;
import org.kefu.platform.Locales;
import org.kefu.platform.ProblemResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls by {@code Authorization: Bearer <token>}. A token that is unknown,
 * revoked or expired, or whose user is disabled, is refused with 401 at once.
 */
class BearerTokens extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final ApiTokens tokens;
	private final Users users;
	private final ProblemResponses problems;

	BearerTokens(ApiTokens tokens, Users users, ProblemResponses problems) {
		this.tokens = tokens;
		this.users = users;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		String token = header.substring(BEARER.length()).trim();
		Optional<CurrentUser> user = tokens.authenticate(token)
			.flatMap(id -> users.currentUser(id.value()))
			.filter(CurrentUser::enabled);
		if (user.isEmpty()) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			problems.write(request, response,
					problems.problem(request, 401, "api.token-invalid", null, Locales.fromRequest(request)));
			return;
		}
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new SignedIn(user.get()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}
}
