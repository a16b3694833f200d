package org.kefu.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL that Kefu starts itself when no database server is configured, so that a first
 * run needs nothing installed. Its cluster lives in a directory that is kept across restarts, and
 * it runs with durable settings: the library's test defaults (no fsync, asynchronous commit) would
 * lose accepted tickets on a power cut.
 * <p>
 * One server runs per cluster directory in a JVM; every user of it holds a lease and the last one
 * to let go stops it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private static final Map<Path, Server> servers = new HashMap<>();

	private final Server server;
	private final String database;
	private boolean closed;

	private EmbeddedDatabase(Server server, String database) {
		this.server = server;
		this.database = database;
	}

	/** Starts (or joins) the server on the given cluster directory and makes sure the database exists. */
	public static EmbeddedDatabase start(Path clusterDir, int port, String database) {
		Path dir = clusterDir.toAbsolutePath().normalize();
		Server server;
		synchronized (servers) {
			server = servers.get(dir);
			if (server == null) {
				server = Server.start(dir, port);
				servers.put(dir, server);
			}
			server.leases++;
		}
		EmbeddedDatabase db = new EmbeddedDatabase(server, database);
		db.createDatabaseIfMissing();
		return db;
	}

	public String jdbcUrl() {
		return server.postgres.getJdbcUrl("postgres", database);
	}

	public String user() {
		return "postgres";
	}

	public int port() {
		return server.postgres.getPort();
	}

	/** A server setting as the running server reports it, such as {@code fsync}. */
	public String setting(String name) {
		try (Connection c = server.postgres.getPostgresDatabase().getConnection();
				PreparedStatement st = c.prepareStatement("select current_setting(?)")) {
			st.setString(1, name);
			try (ResultSet rs = st.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot read setting " + name, e);
		}
	}

	private void createDatabaseIfMissing() {
		if (!database.matches("[A-Za-z0-9_]+")) {
			throw new IllegalArgumentException("Database names are letters, digits and underscores: " + database);
		}
		try (Connection c = server.postgres.getPostgresDatabase().getConnection()) {
			try (PreparedStatement st = c.prepareStatement("select 1 from pg_database where datname = ?")) {
				st.setString(1, database);
				try (ResultSet rs = st.executeQuery()) {
					if (rs.next()) {
						return;
					}
				}
			}
			try (Statement st = c.createStatement()) {
				st.execute("create database \"" + database + "\" encoding 'UTF8' template template0");
			}
			log.info("Created database {} in the embedded PostgreSQL", database);
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot create database " + database, e);
		}
	}

	@Override
	public void close() {
		synchronized (servers) {
			if (closed) {
				return;
			}
			closed = true;
			if (--server.leases == 0) {
				servers.remove(server.dir);
				server.stop();
			}
		}
	}

	private static final class Server {

		private final Path dir;
		private final EmbeddedPostgres postgres;
		private int leases;

		private Server(Path dir, EmbeddedPostgres postgres) {
			this.dir = dir;
			this.postgres = postgres;
		}

		static Server start(Path dir, int port) {
			try {
				Files.createDirectories(dir.getParent());
				stopOrphanedPostmaster(dir);
				long started = System.nanoTime();
				EmbeddedPostgres postgres = EmbeddedPostgres.builder()
					.setDataDirectory(dir)
					.setCleanDataDirectory(false)
					// stopped when the last user lets go, after its connections are closed; a hook of
					// the library's own would stop it under contexts still shutting down
					.setRegisterShutdownHook(false)
					.setPort(port)
					.setPGStartupWait(Duration.ofSeconds(60))
					// durable: the library passes -F (fsync off) and asynchronous commit for tests
					.setServerConfig("fsync", "on")
					.setServerConfig("synchronous_commit", "on")
					.setServerConfig("full_page_writes", "on")
					.setServerConfig("max_connections", "200")
					.setServerConfig("listen_addresses", "127.0.0.1")
					.start();
				log.info("Embedded PostgreSQL started on port {} with its data in {} ({} ms)", postgres.getPort(), dir,
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
				return new Server(dir, postgres);
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dir, e);
			}
		}

		/**
		 * A JVM killed hard leaves its postmaster running on the cluster; it has no clients any more,
		 * so it is asked to shut down before a new one starts.
		 */
		private static void stopOrphanedPostmaster(Path dir) throws IOException {
			Path pidFile = dir.resolve("postmaster.pid");
			if (!Files.exists(pidFile)) {
				return;
			}
			List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
			if (lines.isEmpty()) {
				return;
			}
			long pid;
			try {
				pid = Long.parseLong(lines.get(0).trim());
			}
			catch (NumberFormatException e) {
				return;
			}
			Optional<ProcessHandle> process = ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
			if (process.isEmpty()) {
				return;
			}
			log.warn("Stopping the PostgreSQL (pid {}) left running on {} by an earlier run", pid, dir);
			ProcessHandle p = process.get();
			p.destroy();
			try {
				p.onExit().get(30, TimeUnit.SECONDS);
			}
			catch (Exception e) {
				p.destroyForcibly();
			}
		}

		void stop() {
			try {
				postgres.close();
				log.info("Embedded PostgreSQL on {} stopped", dir);
			}
			catch (IOException e) {
				log.warn("Could not stop the embedded PostgreSQL on {}", dir, e);
			}
		}
	}
}
