package org.kefu.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.support.Api;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@KefuTest
@Tag("api")
class SignInAndTokenTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Autowired
	Roles roles;

	@Autowired
	ApiTokens tokens;

	private Api.Response signIn(String username, String password) {
		return Api.at(port).post("/api/v1/auth/token", Map.of("username", username, "password", password));
	}

	@Test
	void exchangesAPasswordForAToken() {
		Fixtures.Person agent = fixtures.person("agent");
		Api.Response response = signIn(agent.username(), Fixtures.PASSWORD);
		assertThat(response.status()).isEqualTo(200);
		String token = response.json().get("token").asString();
		assertThat(token).startsWith("kefu_");
		Api.Response me = Api.at(port).as(token).get("/api/v1/users/me");
		assertThat(me.json().get("username").asString()).isEqualTo(agent.username());
		assertThat(me.json().get("permissions").toString()).contains("ticket.reply").doesNotContain("user.manage");
	}

	@Test
	void wrongCredentialsGet401WithoutTellingWhichWasWrong() {
		Fixtures.Person agent = fixtures.person("agent");
		Api.Response wrongPassword = signIn(agent.username(), "not-the-password");
		Api.Response unknownUser = signIn(Fixtures.unique("nobody"), "whatever-password");
		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(unknownUser.status()).isEqualTo(401);
		assertThat(wrongPassword.json().get("detail").asString())
			.isEqualTo(unknownUser.json().get("detail").asString());
	}

	@Test
	void repeatedFailuresLockTheUsernameEvenForTheRightPassword() {
		Fixtures.Person agent = fixtures.person("agent");
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(agent.username(), "guess-" + i).status()).isEqualTo(401);
		}
		Api.Response locked = signIn(agent.username(), Fixtures.PASSWORD);
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.json().get("retryAfterSeconds").asLong()).isPositive();

		Fixtures.Person other = fixtures.person("agent");
		assertThat(signIn(other.username(), Fixtures.PASSWORD).status()).as("others are not locked out").isEqualTo(200);
	}

	@Test
	void aRevokedTokenStopsWorkingAtOnce() {
		Fixtures.Person agent = fixtures.person("agent");
		ApiTokens.IssuedToken issued = tokens.issue(agent.id(), "script", null, agent.actor());
		Api api = Api.at(port).as(issued.token());
		assertThat(api.get("/api/v1/users/me").status()).isEqualTo(200);

		tokens.revoke(agent.id(), issued.id(), agent.actor());

		assertThat(api.get("/api/v1/users/me").status()).isEqualTo(401);
		assertThat(tokens.of(agent.id())).singleElement().satisfies(t -> assertThat(t.revokedAt()).isNotNull());
	}

	@Test
	void tokensAreKeptOnlyAsHashes() {
		Fixtures.Person agent = fixtures.person("agent");
		ApiTokens.IssuedToken issued = tokens.issue(agent.id(), "script", null, agent.actor());
		assertThat(tokens.of(agent.id())).singleElement()
			.satisfies(t -> assertThat(issued.token()).startsWith(t.prefix()).isNotEqualTo(t.prefix()));
		assertThat(ApiTokens.hash(issued.token())).hasSize(64).doesNotContain(issued.token().substring(5));
	}

	@Test
	void aDisabledUsersTokensStopWorking() {
		Fixtures.Person agent = fixtures.person("agent");
		Api api = Api.at(port).as(fixtures.tokenFor(agent));
		assertThat(api.get("/api/v1/users/me").status()).isEqualTo(200);
		users.setEnabled(agent.id(), false, Actor.system());
		assertThat(api.get("/api/v1/users/me").status()).isEqualTo(401);
		assertThat(signIn(agent.username(), Fixtures.PASSWORD).status()).isEqualTo(401);
	}

	@Test
	void aPermissionTakenFromARoleAppliesToTheNextRequest() {
		String code = Fixtures.unique("night_shift").replace('-', '_');
		roles.create(code, "夜班", "Night shift", Set.of("ticket.view", "api.token"), Actor.system());
		Fixtures.Person worker = fixtures.person(code);
		Api api = Api.at(port).as(fixtures.tokenFor(worker));
		assertThat(api.get("/api/v1/tickets").status()).isEqualTo(200);

		roles.saveMatrix(Map.of(code, Set.of("api.token")), Actor.system());

		assertThat(api.get("/api/v1/tickets").status()).isEqualTo(403);
	}

	@Test
	void theLastAdministratorCannotBeDisabledOrDemoted() {
		UserId admin = users.findByUsername("admin").orElseThrow().id();
		assertThatThrownBy(() -> users.setEnabled(admin, false, Actor.system())).isInstanceOf(ConflictException.class);
		assertThatThrownBy(() -> users.update(admin, new UserEdit("Administrator", null, null, Set.of("agent"), Set.of()),
				Actor.system())).isInstanceOf(ConflictException.class);
	}

	@Test
	void administratorsCreateUsersOverTheApi() {
		Fixtures.Person admin = fixtures.person("administrator");
		Api api = Api.at(port).as(fixtures.tokenFor(admin));
		String username = Fixtures.unique("newagent");
		Api.Response created = api.post("/api/v1/users", Map.of("username", username, "displayName", "新坐席",
				"password", "a-good-password", "roles", Set.of("agent")));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("roles").toString()).isEqualTo("[\"agent\"]");
		assertThat(signIn(username, "a-good-password").status()).isEqualTo(200);

		Api.Response duplicate = api.post("/api/v1/users", Map.of("username", username, "displayName", "again",
				"password", "a-good-password", "roles", Set.of("agent")));
		assertThat(duplicate.status()).isEqualTo(409);
		Api.Response badRole = api.post("/api/v1/users", Map.of("username", Fixtures.unique("x"), "displayName", "x",
				"password", "a-good-password", "roles", Set.of("superuser")));
		assertThat(badRole.status()).isEqualTo(400);
		assertThat(badRole.json().get("detail").asString()).contains("superuser").contains("agent");
		Api.Response weak = api.post("/api/v1/users", Map.of("username", Fixtures.unique("y"), "displayName", "y",
				"password", "short", "roles", Set.of("agent")));
		assertThat(weak.status()).isEqualTo(400);
	}
}
