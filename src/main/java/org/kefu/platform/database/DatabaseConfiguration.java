package org.kefu.platform.database;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.kefu.platform.KefuProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Chooses the database: a PostgreSQL server when {@code KEFU_DB_URL} is set, otherwise the
 * embedded PostgreSQL under {@code $KEFU_DATA_DIR/postgres}. Setting {@code spring.datasource.url}
 * instead leaves the choice to Spring Boot.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DatabaseConfiguration.NoSpringDataSourceUrl.class)
class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	@Conditional(NoServerUrl.class)
	EmbeddedDatabase embeddedDatabase(KefuProperties properties) {
		Path dir = properties.db().embedded().dataDir() != null ? properties.db().embedded().dataDir()
				: properties.dataDir().resolve("postgres");
		EmbeddedDatabase db = EmbeddedDatabase.start(dir, properties.db().embedded().port(),
				properties.db().embedded().database());
		log.info("Using the embedded PostgreSQL: fsync={}, synchronous_commit={}", db.setting("fsync"),
				db.setting("synchronous_commit"));
		return db;
	}

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(KefuProperties properties,
			org.springframework.beans.factory.ObjectProvider<EmbeddedDatabase> embedded) {
		HikariDataSource ds = new HikariDataSource();
		EmbeddedDatabase db = embedded.getIfAvailable();
		if (db != null) {
			ds.setJdbcUrl(db.jdbcUrl());
			ds.setUsername(db.user());
		}
		else {
			ds.setJdbcUrl(properties.db().url());
			ds.setUsername(properties.db().user());
			ds.setPassword(properties.db().password());
			log.info("Using the PostgreSQL server at {}", withoutCredentials(properties.db().url()));
		}
		return ds;
	}

	private static String withoutCredentials(String url) {
		int query = url.indexOf('?');
		return query < 0 ? url : url.substring(0, query);
	}

	static class NoServerUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("kefu.db.url"));
		}
	}

	static class NoSpringDataSourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}
	}
}
