package org.kefu.knowledge;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;

/**
 * An article's identity and its live text — what the help center, search and the bot read. The
 * text being written and reviewed lives in its versions until one is approved.
 */
@Entity
@Table(name = "kb_article")
@Indexed(index = "kb_article")
class Article {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	@DocumentId
	private Long id;

	@KeywordField
	private String kind;

	@KeywordField(projectable = Projectable.YES)
	private String language;

	@Column(name = "category_id")
	@GenericField(projectable = Projectable.YES)
	private Long categoryId;

	@KeywordField(projectable = Projectable.YES)
	private String visibility;

	@Column(name = "owner_id")
	private long ownerId;

	@Column(name = "review_by")
	private LocalDate reviewBy;

	@FullTextField(analyzer = "knowledge", projectable = Projectable.YES,
			highlightable = { Highlightable.PLAIN, Highlightable.UNIFIED })
	private String title;

	@Column(name = "body_html")
	private String bodyHtml;

	@Column(name = "body_text")
	@FullTextField(analyzer = "knowledge", projectable = Projectable.YES,
			highlightable = { Highlightable.PLAIN, Highlightable.UNIFIED })
	private String bodyText;

	@FullTextField(analyzer = "knowledge")
	private String phrasings = "";

	@Column(name = "live_version")
	@GenericField
	private Integer liveVersion;

	@Column(name = "latest_version")
	private int latestVersion = 1;

	@GenericField
	private boolean archived;

	private int helpful;

	@Column(name = "not_helpful")
	private int notHelpful;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(name = "published_at")
	private Instant publishedAt;

	protected Article() {
	}

	Article(String kind, String language, Long categoryId, String visibility, long ownerId, LocalDate reviewBy,
			Instant now) {
		this.kind = kind;
		this.language = language;
		this.categoryId = categoryId;
		this.visibility = visibility;
		this.ownerId = ownerId;
		this.reviewBy = reviewBy;
		this.createdAt = now;
		this.updatedAt = now;
	}

	void describe(String kind, String language, Long categoryId, String visibility, long ownerId, LocalDate reviewBy,
			Instant now) {
		this.kind = kind;
		this.language = language;
		this.categoryId = categoryId;
		this.visibility = visibility;
		this.ownerId = ownerId;
		this.reviewBy = reviewBy;
		this.updatedAt = now;
	}

	void goLive(int version, String title, String bodyHtml, String bodyText, String phrasings, Instant now) {
		this.liveVersion = version;
		this.title = title;
		this.bodyHtml = bodyHtml;
		this.bodyText = bodyText;
		this.phrasings = phrasings;
		this.publishedAt = now;
		this.updatedAt = now;
	}

	void newVersion(int number, Instant now) {
		this.latestVersion = number;
		this.updatedAt = now;
	}

	void archive(boolean archived, Instant now) {
		this.archived = archived;
		this.updatedAt = now;
	}

	Long id() {
		return id;
	}

	int latestVersion() {
		return latestVersion;
	}

	Integer liveVersion() {
		return liveVersion;
	}

	String visibility() {
		return visibility;
	}

	String language() {
		return language;
	}

	String kind() {
		return kind;
	}

	boolean archived() {
		return archived;
	}
}
