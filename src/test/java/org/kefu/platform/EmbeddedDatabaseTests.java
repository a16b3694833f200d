package org.kefu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kefu.platform.database.EmbeddedDatabase;

/** The PostgreSQL Kefu starts by itself for a first run. */
class EmbeddedDatabaseTests {

	@TempDir
	Path dataDir;

	@Test
	void runsWithDurableSettingsNotTheLibrarysTestDefaults() {
		try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0, "kefu")) {
			assertThat(db.setting("fsync")).isEqualTo("on");
			assertThat(db.setting("synchronous_commit")).isEqualTo("on");
			assertThat(db.setting("full_page_writes")).isEqualTo("on");
		}
	}

	@Test
	void keepsWhatWasCommittedAcrossARestart() throws Exception {
		Path cluster = dataDir.resolve("postgres");
		try (EmbeddedDatabase db = EmbeddedDatabase.start(cluster, 0, "kefu");
				Connection c = DriverManager.getConnection(db.jdbcUrl());
				Statement st = c.createStatement()) {
			st.execute("create table note (text varchar(100))");
			st.execute("insert into note values ('客户来电：空调不制冷')");
		}
		try (EmbeddedDatabase db = EmbeddedDatabase.start(cluster, 0, "kefu");
				Connection c = DriverManager.getConnection(db.jdbcUrl());
				Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("select text from note")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("客户来电：空调不制冷");
		}
		assertThat(cluster.resolve("PG_VERSION")).exists();
	}
}
