package org.kefu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RoleTest {

	@Test
	void theAdministratorRoleAlwaysKeepsEveryPermission() {
		Role administrator = new Role(Role.ADMINISTRATOR, "系统管理员", "Administrator");
		administrator.permit(Set.of("ticket.view"));
		assertThat(administrator.permissions())
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(Permission.values()).map(Permission::code).toList());
	}

	@Test
	void anyOtherRoleGetsExactlyWhatIsTicked() {
		Role agent = new Role("agent", "坐席代表", "Agent");
		agent.permit(Set.of("ticket.view", "ticket.reply"));
		assertThat(agent.permissions()).containsExactlyInAnyOrder("ticket.view", "ticket.reply");
		agent.permit(Set.of());
		assertThat(agent.permissions()).isEmpty();
	}
}
