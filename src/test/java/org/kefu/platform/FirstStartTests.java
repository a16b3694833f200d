package org.kefu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kefu.KefuApplication;
import org.kefu.identity.SignIn;
import org.kefu.identity.Users;
import org.kefu.ticket.Tickets;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/** What an administrator installing Kefu meets on the very first start. */
class FirstStartTests {

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(KefuApplication.class).run(concat(args, "--server.port=0"));
	}

	@Test
	void refusesToStartWithoutAnAdministratorPassword() {
		assertThatThrownBy(() -> start("--kefu.admin-password=", "--kefu.demo-data=false"))
			.satisfies(e -> {
				Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
				assertThat(cause).isInstanceOf(StartupRefused.class);
				assertThat(cause.getMessage()).contains("KEFU_ADMIN_PASSWORD");
				assertThat(((StartupRefused) cause).action()).contains("KEFU_ADMIN_PASSWORD")
					.contains("KEFU_DEMO_DATA=true");
			});
	}

	@Test
	void refusesAWeakAdministratorPassword() {
		assertThatThrownBy(() -> start("--kefu.admin-password=admin", "--kefu.demo-data=false"))
			.satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e)).isInstanceOf(StartupRefused.class));
	}

	@Test
	void createsTheAdministratorFromThePasswordGiven() {
		try (ConfigurableApplicationContext kefu = start("--kefu.admin-password=first-start-secret",
				"--kefu.demo-data=false")) {
			SignIn signIn = kefu.getBean(SignIn.class);
			assertThat(signIn.signIn("admin", "first-start-secret", "127.0.0.1").permissions()).contains("role.manage");
			assertThat(kefu.getBean(Users.class).active()).hasSize(1);
			assertThat(kefu.getBean(Tickets.class).count()).isZero();
		}
	}

	@Test
	void withDemoDataTheDemoCenterIsThereToTry() {
		try (ConfigurableApplicationContext kefu = start("--kefu.demo-data=true", "--kefu.admin-password=")) {
			Users users = kefu.getBean(Users.class);
			assertThat(users.findByUsername("sunli")).isPresent();
			assertThat(users.active()).hasSizeGreaterThanOrEqualTo(20);
			assertThat(kefu.getBean(Tickets.class).count()).isEqualTo(1000);
			assertThat(kefu.getBean(SignIn.class).signIn("wangfang", "kefu-demo", "127.0.0.1").username())
				.isEqualTo("wangfang");
			long wangfang = users.findByUsername("wangfang").orElseThrow().id().value();
			assertThat(kefu.getBean(org.kefu.reply.SavedReplies.class).available(wangfang, "refund"))
				.as("the shared saved replies a center starts with").isNotEmpty();
		}
	}

	private static String[] concat(String[] args, String more) {
		String[] all = java.util.Arrays.copyOf(args, args.length + 1);
		all[args.length] = more;
		return all;
	}
}
