package org.kefu.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every application context a test starts its own database and data directory, so that
 * tests never see each other's tickets. The database is in the embedded PostgreSQL (one cluster
 * under {@code target/test-postgres}, shared by the whole run), or, when the run is told
 * {@code kefu.test.db=server}, on the PostgreSQL server at {@code KEFU_TEST_DB_URL}: that run fails
 * if the server cannot be reached, it does not fall back.
 * <p>
 * Explicit test properties and command-line arguments still win over these.
 */
public class IsolatedDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String SERVER_URL = "KEFU_TEST_DB_URL";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment env = context.getEnvironment();
		String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		Map<String, Object> values = new HashMap<>();
		values.put("kefu.data-dir", Path.of("target", "test-data", id).toAbsolutePath().toString());
		values.put("kefu.admin-password", "admin-test-password");
		if (useServer()) {
			values.put("kefu.db.url", createServerDatabase("kefu_test_" + id));
			values.put("kefu.db.user", System.getenv().getOrDefault("KEFU_TEST_DB_USER", "postgres"));
			values.put("kefu.db.password", System.getenv().getOrDefault("KEFU_TEST_DB_PASSWORD", ""));
		}
		else {
			values.put("kefu.db.embedded.data-dir", Path.of("target", "test-postgres").toAbsolutePath().toString());
			values.put("kefu.db.embedded.database", "kefu_test_" + id);
		}
		MapPropertySource isolation = new MapPropertySource("kefuTestIsolation", values);
		var sources = env.getPropertySources();
		if (sources.contains("Inlined Test Properties")) {
			sources.addAfter("Inlined Test Properties", isolation);
		}
		else if (sources.contains("commandLineArgs")) {
			sources.addAfter("commandLineArgs", isolation);
		}
		else {
			sources.addFirst(isolation);
		}
	}

	public static boolean useServer() {
		return "server".equals(System.getProperty("kefu.test.db"));
	}

	/** A new database on the PostgreSQL server of this run, dropped when the run ends; its JDBC URL. */
	public static String serverDatabase(String name) {
		return createServerDatabase(name);
	}

	private static String createServerDatabase(String name) {
		String url = System.getenv(SERVER_URL);
		if (url == null || url.isBlank()) {
			throw new IllegalStateException("This run tests against a PostgreSQL server (kefu.test.db=server) but "
					+ SERVER_URL + " is not set");
		}
		try (Connection c = DriverManager.getConnection(url,
				System.getenv().getOrDefault("KEFU_TEST_DB_USER", "postgres"),
				System.getenv().getOrDefault("KEFU_TEST_DB_PASSWORD", ""));
				Statement st = c.createStatement()) {
			st.execute("create database " + name + " encoding 'UTF8' template template0");
		}
		catch (Exception e) {
			throw new IllegalStateException("Cannot create a test database on the PostgreSQL server at " + url, e);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> dropServerDatabase(url, name)));
		int slash = url.indexOf('/', "jdbc:postgresql://".length());
		int query = url.indexOf('?');
		return url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
	}

	private static void dropServerDatabase(String url, String name) {
		try (Connection c = DriverManager.getConnection(url,
				System.getenv().getOrDefault("KEFU_TEST_DB_USER", "postgres"),
				System.getenv().getOrDefault("KEFU_TEST_DB_PASSWORD", ""));
				Statement st = c.createStatement()) {
			st.execute("drop database if exists " + name + " with (force)");
		}
		catch (Exception e) {
			// the run is over; a database left behind is only clutter
		}
	}
}
