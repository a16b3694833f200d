package org.kefu.identity.web;

import java.time.Duration;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.kefu.identity.ApiTokens;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.identity.SignIn;
import org.kefu.identity.SignInRefused;
import org.kefu.shared.Actor;
import org.kefu.shared.KefuException;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication", description = "Exchange a username and password for an API token")
class AuthApi {

	private static final Duration VALID_FOR = Duration.ofDays(30);

	private final SignIn signIn;
	private final ApiTokens tokens;

	AuthApi(SignIn signIn, ApiTokens tokens) {
		this.signIn = signIn;
		this.tokens = tokens;
	}

	record TokenRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password,
			@Size(max = 100) String name) {

		@Override
		public String toString() {
			return "TokenRequest[username=" + username + "]";
		}
	}

	record TokenResponse(String token, String tokenType, Instant expiresAt, UserApi.UserResponse user) {
	}

	@PostMapping("/token")
	@SecurityRequirements
	@Operation(summary = "Get an API token", description = """
			Checks the username and password and issues a personal API token, valid for 30 days, to send as
			`Authorization: Bearer <token>`. Repeated failures lock the username for a while (429).""")
	@ApiResponse(responseCode = "200", description = "The token, shown this once")
	@ApiResponse(responseCode = "401", description = "Wrong username or password")
	@ApiResponse(responseCode = "429", description = "Too many failed attempts; retry after the given time")
	TokenResponse token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
		CurrentUser user;
		try {
			user = signIn.signIn(request.username(), request.password(), http.getRemoteAddr());
		}
		catch (SignInRefused refused) {
			throw switch (refused.reason()) {
				case THROTTLED -> new Refusal(429, "api.sign-in-throttled",
						Math.max(1, (refused.retryAfter().toSeconds() + 59) / 60))
					.with("retryAfterSeconds", refused.retryAfter().toSeconds());
				case DISABLED -> new Refusal(401, "api.sign-in-disabled");
				case BAD_CREDENTIALS -> new Refusal(401, "api.sign-in-failed");
			};
		}
		if (!user.can(Permission.API_TOKEN)) {
			throw new Refusal(403, "api.token-not-permitted");
		}
		ApiTokens.IssuedToken issued = tokens.issue(user.userId(),
				request.name() == null || request.name().isBlank() ? "API sign-in" : request.name(), VALID_FOR,
				Actor.user(user.id(), user.username(), http.getRemoteAddr()));
		return new TokenResponse(issued.token(), "Bearer", issued.expiresAt(),
				new UserApi.UserResponse(user.id(), user.username(), user.displayName(), true, null, null,
						user.permissions().stream().sorted().toList()));
	}

	/** A refusal of a sign-in with its own status. */
	static final class Refusal extends KefuException {

		private final int status;

		Refusal(int status, String code, Object... args) {
			super(code, args);
			this.status = status;
		}

		@Override
		public int status() {
			return status;
		}
	}
}
