package org.kefu.knowledge;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.kefu.platform.FileStore;
import org.kefu.shared.Actor;
import org.kefu.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Images and attachments of articles, kept in Kefu's file store. A file of a public live article
 * can be fetched by anyone (the help center shows it); others only by staff.
 */
@Service
@Transactional
public class ArticleFiles {

	public record ArticleFile(UUID id, long articleId, String name, String contentType, long size, String sha256,
			Instant createdAt) {

		public boolean image() {
			return FileStore.previewable(contentType);
		}

		public String url() {
			return "/help/files/" + id;
		}
	}

	private final JdbcClient jdbc;
	private final FileStore store;
	private final Clock clock;

	ArticleFiles(JdbcClient jdbc, FileStore store, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.clock = clock;
	}

	public ArticleFile attach(long articleId, String filename, InputStream content, Actor by) {
		jdbc.sql("select id from kb_article where id = ?").param(articleId).query(Long.class).optional()
			.orElseThrow(() -> new NotFoundException("kb.article-not-found", articleId));
		FileStore.Stored stored = store.store(filename, content);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into kb_file (id, article_id, name, content_type, size, sha256, created_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, articleId, stored.filename(), stored.contentType(), stored.size(), stored.sha256(),
					Timestamp.from(clock.instant()))
			.update();
		return find(id).orElseThrow();
	}

	@Transactional(readOnly = true)
	public List<ArticleFile> of(long articleId) {
		return jdbc.sql("select * from kb_file where article_id = ? order by created_at").param(articleId)
			.query(ArticleFile.class).list();
	}

	@Transactional(readOnly = true)
	public Optional<ArticleFile> find(UUID id) {
		return jdbc.sql("select * from kb_file where id = ?").param(id).query(ArticleFile.class).optional();
	}

	/** Whether anyone may fetch the file: its article is live, public and not archived. */
	@Transactional(readOnly = true)
	public boolean isPublic(ArticleFile file) {
		return jdbc.sql("""
				select count(*) from kb_article where id = ? and visibility = 'public' and live_version is not null
				  and not archived""")
			.param(file.articleId()).query(Long.class).single() > 0;
	}

	public Path path(ArticleFile file) {
		return store.path(file.sha256());
	}
}
