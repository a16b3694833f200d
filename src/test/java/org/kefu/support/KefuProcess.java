package org.kefu.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Kefu as a separate process against a fresh database on the PostgreSQL server, for tests that kill
 * it with SIGKILL and start it again on the same database and data folder.
 */
public final class KefuProcess implements AutoCloseable {

	public static final String ADMIN_PASSWORD = "crash-admin-password";

	private final HttpClient http = HttpClient.newHttpClient();
	private final String db;
	private final Path data;
	private final int port;
	private final List<String> options;
	private Process process;
	private int starts;

	public KefuProcess(String... options) throws IOException {
		this(IsolatedDatabase.serverDatabase("kefu_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)),
				options);
	}

	/** A second Kefu process on the same database as another: a cluster of two. */
	public KefuProcess(KefuProcess sharing, String... options) throws IOException {
		this(sharing.db, options);
	}

	private KefuProcess(String db, String... options) throws IOException {
		String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		this.db = db;
		this.data = Path.of("target", "test-data", "crash-" + id).toAbsolutePath();
		Files.createDirectories(data);
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		this.options = List.of(options);
	}

	public String url() {
		return "http://127.0.0.1:" + port;
	}

	/** Starts Kefu and waits until it answers. */
	public void start() throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx768m"));
		command.addAll(options);
		command.addAll(List.of("-cp", applicationClassPath(), "org.kefu.KefuApplication"));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("KEFU_DB_URL", db);
		builder.environment().put("KEFU_DB_USER", System.getenv().getOrDefault("KEFU_TEST_DB_USER", "postgres"));
		builder.environment().put("KEFU_DB_PASSWORD", System.getenv().getOrDefault("KEFU_TEST_DB_PASSWORD", ""));
		builder.environment().put("KEFU_DATA_DIR", data.toString());
		builder.environment().put("KEFU_ADMIN_PASSWORD", ADMIN_PASSWORD);
		builder.environment().put("PORT", String.valueOf(port));
		Path log = data.resolve("run-" + (++starts) + ".log");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		Process started = builder.start();
		this.process = started;
		await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!started.isAlive()) {
				throw new IllegalStateException("Kefu stopped: " + Files.readString(log));
			}
			try {
				return http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
			}
			catch (IOException e) {
				return false;
			}
		});
	}

	/** SIGKILL: no shutdown hook runs, no transaction finishes. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	public String adminToken() throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
		if (!m.find()) {
			throw new IllegalStateException("no token: " + r.body());
		}
		return m.group(1);
	}

	/** Runs a statement on the process's database. */
	public void execute(String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(db, System.getenv().getOrDefault("KEFU_TEST_DB_USER", "postgres"),
				System.getenv().getOrDefault("KEFU_TEST_DB_PASSWORD", "")); Statement st = c.createStatement()) {
			st.execute(sql);
		}
	}

	public int port() {
		return port;
	}

	/** One number from the process's database. */
	public long count(String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(db, System.getenv().getOrDefault("KEFU_TEST_DB_USER", "postgres"),
				System.getenv().getOrDefault("KEFU_TEST_DB_PASSWORD", ""));
				Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	@Override
	public void close() {
		if (process != null) {
			process.destroyForcibly();
		}
	}

	/** Kefu's classes and libraries, without the tests' own classes (which would isolate it as a test). */
	private static String applicationClassPath() {
		String all = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(all.split(File.pathSeparator))
			.filter(entry -> !entry.replace('\\', '/').endsWith("/test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
	}
}
