package org.kefu.identity.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Users;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in session keeps only who the user is; what they may do is read afresh on every
 * request, so that a permission taken away, or a user disabled, takes effect at once.
 */
class FreshPermissions extends OncePerRequestFilter {

	private final Users users;

	FreshPermissions(Users users) {
		this.users = users;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CurrentUser signedIn) {
			Optional<CurrentUser> now = users.currentUser(signedIn.id()).filter(CurrentUser::enabled);
			if (now.isEmpty()) {
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
				SecurityContextHolder.clearContext();
				response.sendRedirect(request.getContextPath() + "/login?disabled");
				return;
			}
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(new SignedIn(now.get()));
			SecurityContextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}
}
