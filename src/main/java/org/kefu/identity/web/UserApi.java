package org.kefu.identity.web;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.NewUser;
import org.kefu.identity.UserId;
import org.kefu.identity.UserProfile;
import org.kefu.identity.Users;
import org.kefu.platform.IdempotentRequests;
import org.kefu.platform.Locales;
import org.kefu.shared.Actor;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "The people who work in the center (administrators)")
class UserApi {

	private final Users users;
	private final IdempotentRequests idempotency;

	UserApi(Users users, IdempotentRequests idempotency) {
		this.users = users;
		this.idempotency = idempotency;
	}

	record UserResponse(long id, String username, String displayName, boolean enabled, List<String> roles,
			List<Long> teams, List<String> permissions) {

		static UserResponse of(UserProfile p) {
			return new UserResponse(p.id().value(), p.username(), p.displayName(), p.enabled(),
					List.copyOf(p.roles()), p.teams().stream().map(t -> t.id().value()).toList(), null);
		}
	}

	record CreateUser(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 100) String displayName,
			@Size(max = 254) String email, @Size(max = 40) String phone, @NotBlank @Size(max = 128) String password,
			Set<String> roles, Set<Long> teams, String language) {

		@Override
		public String toString() {
			return "CreateUser[username=" + username + "]";
		}

		/** The request as compared for an idempotent retry: the password is not kept, not even hashed. */
		CreateUser withoutPassword() {
			return new CreateUser(username, displayName, email, phone, null, roles, teams, language);
		}
	}

	@GetMapping("/me")
	@Operation(summary = "Who the token belongs to, with their permissions")
	UserResponse me(@AuthenticationPrincipal CurrentUser me) {
		return new UserResponse(me.id(), me.username(), me.displayName(), me.enabled(), null,
				List.copyOf(me.teamIds()), me.permissions().stream().sorted().toList());
	}

	@GetMapping
	@PreAuthorize("hasAuthority('user.manage')")
	@Operation(summary = "List users")
	List<UserResponse> list(Locale locale) {
		return users.list(locale).stream().map(UserResponse::of).toList();
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('user.manage')")
	@Operation(summary = "One user")
	UserResponse get(@PathVariable long id, Locale locale) {
		return UserResponse.of(users.profile(new UserId(id), locale));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('user.manage')")
	@Operation(summary = "Create a user", description = "Roles are role codes such as `agent`, `team_lead`; teams are team ids.")
	ResponseEntity<?> create(@Valid @RequestBody CreateUser request,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
			@AuthenticationPrincipal CurrentUser me, Actor actor, Locale locale) {
		return idempotency.once("user:" + me.id(), key, request.withoutPassword(), () -> {
			UserId id = users.create(new NewUser(request.username(), request.displayName(), request.email(),
					request.phone(), request.password(), request.roles() == null ? Set.of() : request.roles(),
					request.teams() == null ? Set.of() : new HashSet<>(request.teams()),
					Locales.parse(request.language())), actor);
			return ResponseEntity.created(URI.create("/api/v1/users/" + id.value()))
				.body(UserResponse.of(users.profile(id, locale)));
		});
	}
}
