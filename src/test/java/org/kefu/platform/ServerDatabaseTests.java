package org.kefu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.platform.database.EmbeddedDatabase;
import org.kefu.support.KefuTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Kefu pointed at a PostgreSQL server with KEFU_DB_URL: runs only in the test run against the
 * server (KEFU_TEST_DB_URL), where it proves that the whole API suite beside it ran there.
 */
@KefuTest
@Tag("server")
class ServerDatabaseTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Test
	void usesTheServerAndStartsNoEmbeddedDatabase() {
		assertThat(context.getBeanProvider(EmbeddedDatabase.class).getIfAvailable()).isNull();
		assertThat(jdbc.sql("select current_database()").query(String.class).single()).startsWith("kefu_test_");
		String port = jdbc.sql("select current_setting('port')").query(String.class).single();
		assertThat(port).isEqualTo(System.getenv().getOrDefault("KEFU_TEST_DB_PORT", "5432"));
		assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Integer.class).single())
			.isGreaterThanOrEqualTo(5);
	}
}
