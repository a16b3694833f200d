package org.kefu.ticket.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.kefu.platform.KefuProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the search index in step with the database, which is the truth: the index is committed
 * to disk every second, so a crash can lose its last changes. A run that did not end cleanly
 * leaves a marker behind, and the next start rebuilds the index in the background; so does a
 * start that finds the index and the database disagree on how many tickets there are.
 */
@Component
class SearchIndexCheck {

	private static final Logger log = LoggerFactory.getLogger(SearchIndexCheck.class);

	private final EntityManagerFactory entities;
	private final JdbcClient jdbc;
	private final Path marker;
	private final AtomicBoolean rebuilding = new AtomicBoolean();

	SearchIndexCheck(EntityManagerFactory entities, JdbcClient jdbc, KefuProperties properties) {
		this.entities = entities;
		this.jdbc = jdbc;
		this.marker = properties.dataDir().resolve("search").resolve("kefu-running");
	}

	@EventListener(ApplicationReadyEvent.class)
	void checkOnStart() {
		boolean crashed = Files.exists(marker);
		try {
			Files.createDirectories(marker.getParent());
			Files.writeString(marker, "Kefu is running; this file is removed on a clean shutdown.\n");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		long rows = jdbc.sql("select count(*) from ticket").query(Long.class).single();
		long indexed = indexed();
		if (crashed || rows != indexed) {
			log.warn("The search index needs rebuilding ({}; {} tickets in the database, {} in the index); "
					+ "searching finds fewer tickets until it is done", crashed ? "the last run did not end cleanly"
							: "the counts differ", rows, indexed);
			rebuild();
		}
	}

	/** Rebuilds the whole index in the background; the pages and the API keep working meanwhile. */
	void rebuild() {
		if (!rebuilding.compareAndSet(false, true)) {
			return;
		}
		Thread.ofPlatform().name("search-index-rebuild").daemon().start(() -> {
			long started = System.nanoTime();
			try (var em = entities.createEntityManager()) {
				SearchSession session = Search.session(em);
				session.massIndexer()
					.threadsToLoadObjects(2)
					.batchSizeToLoadObjects(200)
					.startAndWait();
				log.info("Search index rebuilt in {} s", (System.nanoTime() - started) / 1_000_000_000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException e) {
				log.error("Rebuilding the search index failed; search may miss tickets until the next start", e);
			}
			finally {
				rebuilding.set(false);
			}
		});
	}

	private long indexed() {
		try (var em = entities.createEntityManager()) {
			return Search.session(em).search(Object.class).where(f -> f.matchAll()).fetchTotalHitCount();
		}
	}

	@PreDestroy
	void cleanShutdown() throws IOException {
		Files.deleteIfExists(marker);
	}
}
