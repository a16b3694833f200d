package org.kefu.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Kefu's own settings, from {@code application.yml} and the {@code KEFU_*} environment variables.
 *
 * @param dataDir       where Kefu keeps its files: the embedded database, the search index, attachments
 * @param demoData      load the demo service center on an empty database
 * @param adminPassword the password of the {@code admin} user created on the first start without demo data
 * @param db            the database
 * @param attachments   where attachments are kept and how large one may be
 * @param api           limits of the REST API
 * @param login         login throttling
 */
@ConfigurationProperties("kefu")
public record KefuProperties(Path dataDir, boolean demoData, String adminPassword, Db db, Attachments attachments,
		Api api, Login login) {

	public KefuProperties {
		dataDir = dataDir == null ? Path.of("data") : dataDir;
		db = db == null ? new Db(null, null, null, null) : db;
		attachments = attachments == null ? new Attachments(dataDir.resolve("attachments"), null) : attachments;
		api = api == null ? new Api(null) : api;
		login = login == null ? new Login(0, null) : login;
	}

	/**
	 * @param url      a PostgreSQL server's JDBC URL; blank starts the embedded PostgreSQL
	 * @param user     the server's user
	 * @param password the server's password
	 * @param embedded the embedded PostgreSQL
	 */
	public record Db(String url, String user, String password, Embedded embedded) {

		public Db {
			embedded = embedded == null ? new Embedded(null, null, 0) : embedded;
		}

		public boolean useServer() {
			return url != null && !url.isBlank();
		}
	}

	/**
	 * @param dataDir  the database cluster's directory, kept across restarts
	 * @param database the database's name inside the cluster
	 * @param port     the port to listen on, 0 for any free one
	 */
	public record Embedded(Path dataDir, String database, int port) {

		public Embedded {
			database = database == null || database.isBlank() ? "kefu" : database;
		}
	}

	public record Attachments(Path dir, DataSize maxSize) {

		public Attachments {
			maxSize = maxSize == null ? DataSize.ofMegabytes(20) : maxSize;
		}
	}

	public record Api(DataSize maxBodySize) {

		public Api {
			maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
		}
	}

	public record Login(int maxFailures, Duration lockDuration) {

		public Login {
			maxFailures = maxFailures <= 0 ? 5 : maxFailures;
			lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
		}
	}
}
