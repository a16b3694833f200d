package org.kefu.knowledge;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import jakarta.persistence.EntityManager;
import org.kefu.identity.UserId;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.language.SentenceEmbedder;
import org.kefu.language.Vectors;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing, reviewing and publishing articles. Every edit is a version: a draft is edited in place
 * until it is sent for review; a reviewer (someone other than its author) approves it — it goes
 * live, the previous live version is superseded, its title and phrasings are embedded for the bot —
 * or rejects it with a reason. Editing a live article starts a new draft; the live text stays
 * until the draft is approved.
 */
@Service
@Transactional
public class Articles {

	public static final Set<String> KINDS = Set.of("article", "faq");
	public static final Set<String> LANGUAGES = Set.of("zh-CN", "en");
	public static final Set<String> VISIBILITIES = Set.of("public", "internal");
	private static final int MAX_TITLE = 200;
	private static final int MAX_BODY = 200_000;
	private static final int MAX_PHRASINGS = 50;

	/** What a writer sends: the article's description and the text of its next version. */
	public record ArticleInput(String kind, String language, Long categoryId, String visibility, Long ownerId,
			LocalDate reviewBy, String title, String bodyHtml, List<String> phrasings) {
	}

	/** An article as its editors see it: live text, and the state of its latest version. */
	public record ArticleView(long id, String kind, String language, Long categoryId, String visibility, long ownerId,
			String ownerName, LocalDate reviewBy, boolean reviewDue, String title, String bodyHtml,
			List<String> phrasings, Integer liveVersion, int latestVersion, String latestStatus, boolean archived,
			int helpful, int notHelpful, Instant updatedAt, Instant publishedAt) {
	}

	/** One version of an article. */
	public record VersionView(int number, String title, String bodyHtml, List<String> phrasings, String status,
			long authorId, String authorName, Instant createdAt, Instant submittedAt, Long reviewerId,
			String reviewerName, Instant reviewedAt, String reviewNote) {
	}

	/** A line of a diff between two versions: '+' added, '-' removed, ' ' unchanged, '@' a hunk. */
	public record DiffLine(String kind, String text) {
	}

	/** A live article as the help center and the bot read it. */
	public record LiveArticle(long id, String kind, String language, Long categoryId, String visibility, String title,
			String bodyHtml, String bodyText, List<String> phrasings, int helpful, int notHelpful,
			Instant publishedAt) {
	}

	/** An article published (or taken back) — the bot rebuilds what it knows. */
	public record KnowledgeChanged(long articleId) {
	}

	private final EntityManager entities;
	private final JdbcClient jdbc;
	private final Users users;
	private final Categories categories;
	private final SentenceEmbedder embedder;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Articles(EntityManager entities, JdbcClient jdbc, Users users, Categories categories,
			@Lazy SentenceEmbedder embedder, ApplicationEventPublisher events, Clock clock) {
		this.entities = entities;
		this.jdbc = jdbc;
		this.users = users;
		this.categories = categories;
		this.embedder = embedder;
		this.events = events;
		this.clock = clock;
	}

	public long create(ArticleInput input, Actor by) {
		Checked c = check(input, by);
		Instant now = clock.instant();
		Article article = new Article(c.kind, c.language, c.categoryId, c.visibility, c.ownerId, input.reviewBy(), now);
		entities.persist(article);
		entities.flush();
		insertVersion(article.id(), 1, c, by, now);
		return article.id();
	}

	/** Saves the description and the text as the latest draft (a new one if the latest was sent on). */
	public int edit(long id, ArticleInput input, Actor by) {
		Article article = article(id);
		Checked c = check(input, by);
		Instant now = clock.instant();
		article.describe(c.kind, c.language, c.categoryId, c.visibility, c.ownerId, input.reviewBy(), now);
		String status = status(id, article.latestVersion());
		if ("in_review".equals(status)) {
			throw new ConflictException("kb.in-review");
		}
		if ("draft".equals(status)) {
			jdbc.sql("""
					update kb_version set title = ?, body_html = ?, phrasings = ?, author_id = ?, created_at = ?
					where article_id = ? and number = ?""")
				.params(c.title, c.bodyHtml, String.join("\n", c.phrasings), by.userId(), Timestamp.from(now), id,
						article.latestVersion())
				.update();
			return article.latestVersion();
		}
		int number = article.latestVersion() + 1;
		article.newVersion(number, now);
		entities.flush();
		insertVersion(id, number, c, by, now);
		return number;
	}

	/** Sends the latest draft for review. */
	public void submit(long id, Actor by) {
		Article article = article(id);
		if (!"draft".equals(status(id, article.latestVersion()))) {
			throw new ConflictException("kb.not-draft");
		}
		jdbc.sql("update kb_version set status = 'in_review', submitted_at = ? where article_id = ? and number = ?")
			.params(Timestamp.from(clock.instant()), id, article.latestVersion())
			.update();
	}

	/** Approves a version in review: it goes live. Nobody approves their own text. */
	public void approve(long id, int number, Actor by) {
		Article article = article(id);
		VersionView version = version(id, number);
		if (!"in_review".equals(version.status())) {
			throw new ConflictException("kb.not-in-review");
		}
		if (by.userId() != null && by.userId() == version.authorId()) {
			throw new ConflictException("kb.review.own");
		}
		Instant now = clock.instant();
		jdbc.sql("update kb_version set status = 'superseded' where article_id = ? and status = 'published'")
			.param(id).update();
		jdbc.sql("""
				update kb_version set status = 'published', reviewer_id = ?, reviewed_at = ?
				where article_id = ? and number = ?""")
			.params(by.userId(), Timestamp.from(now), id, number)
			.update();
		article.goLive(number, version.title(), version.bodyHtml(), Html.text(version.bodyHtml()),
				String.join("\n", version.phrasings()), now);
		embed(id, version.title(), version.phrasings());
		events.publishEvent(new KnowledgeChanged(id));
	}

	/** Sends a version in review back to its author with the reason. */
	public void reject(long id, int number, String note, Actor by) {
		article(id);
		if (note == null || note.isBlank()) {
			throw new InvalidInputException("kb.review.note-required");
		}
		if (!"in_review".equals(version(id, number).status())) {
			throw new ConflictException("kb.not-in-review");
		}
		jdbc.sql("""
				update kb_version set status = 'rejected', reviewer_id = ?, reviewed_at = ?, review_note = ?
				where article_id = ? and number = ?""")
			.params(by.userId(), Timestamp.from(clock.instant()), note.strip(), id, number)
			.update();
	}

	/** Takes an article out of the help center, search and the bot (or brings it back). */
	public void archive(long id, boolean archived, Actor by) {
		article(id).archive(archived, clock.instant());
		events.publishEvent(new KnowledgeChanged(id));
	}

	@Transactional(readOnly = true)
	public ArticleView get(long id) {
		return views("where a.id = ?", List.of(id)).stream().findFirst()
			.orElseThrow(() -> new NotFoundException("kb.article-not-found", id));
	}

	/** Articles for the editors' list: by category, language, latest status, or owner. */
	@Transactional(readOnly = true)
	public List<ArticleView> list(Long categoryId, String language, String status, Long ownerId) {
		StringBuilder where = new StringBuilder("where true");
		List<Object> params = new ArrayList<>();
		if (categoryId != null) {
			where.append(" and a.category_id = ?");
			params.add(categoryId);
		}
		if (language != null && !language.isBlank()) {
			where.append(" and a.language = ?");
			params.add(language);
		}
		if ("review-due".equals(status)) {
			where.append(" and a.review_by <= ? and not a.archived");
			params.add(LocalDate.now(clock));
		}
		else if ("archived".equals(status)) {
			where.append(" and a.archived");
		}
		else if (status != null && !status.isBlank()) {
			where.append(" and v.status = ? and not a.archived");
			params.add(status);
		}
		if (ownerId != null) {
			where.append(" and a.owner_id = ?");
			params.add(ownerId);
		}
		return views(where.toString(), params);
	}

	@Transactional(readOnly = true)
	public List<VersionView> versions(long id) {
		article(id);
		return jdbc.sql("select * from kb_version where article_id = ? order by number desc").param(id)
			.query((rs, n) -> versionRow(rs)).list().stream().map(this::named).toList();
	}

	@Transactional(readOnly = true)
	public VersionView version(long id, int number) {
		return jdbc.sql("select * from kb_version where article_id = ? and number = ?").params(id, number)
			.query((rs, n) -> versionRow(rs)).optional().map(this::named)
			.orElseThrow(() -> new NotFoundException("kb.version-not-found", number));
	}

	/** What changed from one version to another, line by line (title, text, phrasings). */
	@Transactional(readOnly = true)
	public List<DiffLine> diff(long id, int from, int to) {
		List<String> a = lines(version(id, from));
		List<String> b = lines(version(id, to));
		List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("v" + from, "v" + to, a, DiffUtils.diff(a, b), 2);
		List<DiffLine> out = new ArrayList<>();
		for (String line : unified.subList(Math.min(2, unified.size()), unified.size())) {
			String kind = line.isEmpty() ? " " : line.substring(0, 1);
			out.add(new DiffLine(kind, line.isEmpty() ? "" : line.substring(1)));
		}
		return out;
	}

	/** The versions waiting for a reviewer, oldest first. */
	@Transactional(readOnly = true)
	public List<VersionInReview> inReview() {
		return jdbc.sql("""
				select v.article_id, v.number, v.title, v.author_id, v.submitted_at, a.language
				from kb_version v join kb_article a on a.id = v.article_id
				where v.status = 'in_review' order by v.submitted_at""")
			.query((rs, n) -> new VersionInReview(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4),
					name(rs.getLong(4)), rs.getTimestamp(5).toInstant(), rs.getString(6)))
			.list();
	}

	public record VersionInReview(long articleId, int number, String title, long authorId, String authorName,
			Instant submittedAt, String language) {
	}

	/** A live, public, not archived article — or nothing. */
	@Transactional(readOnly = true)
	public Optional<LiveArticle> publicArticle(long id) {
		return live("where a.id = ? and a.visibility = 'public'", List.of(id)).stream().findFirst();
	}

	/** A live article any signed-in member of staff may read (public or internal). */
	@Transactional(readOnly = true)
	public Optional<LiveArticle> liveArticle(long id) {
		return live("where a.id = ?", List.of(id)).stream().findFirst();
	}

	@Transactional(readOnly = true)
	public List<LiveArticle> publicInCategory(long categoryId, String language) {
		return live("where a.category_id = ? and a.visibility = 'public' and a.language = ?",
				List.of(categoryId, language));
	}

	@Transactional(readOnly = true)
	public List<LiveArticle> live(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		List<Object> params = new ArrayList<>();
		params.add(ids.toArray(Long[]::new));
		return live("where a.id = any(?)", params);
	}

	/** Most helpful public articles first, for the help center's front page. */
	@Transactional(readOnly = true)
	public List<LiveArticle> popular(String language, int limit) {
		return live("where a.visibility = 'public' and a.language = ? order by a.helpful - a.not_helpful desc, "
				+ "a.published_at desc limit " + Math.max(1, Math.min(limit, 50)), List.of(language));
	}

	/** Each live article's embedded phrasings, for the bot. */
	@Transactional(readOnly = true)
	public List<Embedded> embedded() {
		return jdbc.sql("""
				select e.article_id, e.text, e.vector, a.language, a.visibility
				from kb_embedding e join kb_article a on a.id = e.article_id
				where a.live_version is not null and not a.archived""")
			.query((rs, n) -> new Embedded(rs.getLong(1), rs.getString(2), Vectors.floats((Object[]) rs.getArray(3).getArray()),
					rs.getString(4), rs.getString(5)))
			.list();
	}

	public record Embedded(long articleId, String text, float[] vector, String language, String visibility) {
	}

	/** Counts a reader's vote once (a second vote replaces the first). */
	public void vote(long id, String voter, boolean helpful, String comment) {
		publicOrInternal(id);
		String clean = comment == null || comment.isBlank() ? null : comment.strip();
		if (clean != null && clean.length() > 1000) {
			clean = clean.substring(0, 1000);
		}
		jdbc.sql("""
				insert into kb_vote (article_id, voter, helpful, comment, voted_at) values (?, ?, ?, ?, ?)
				on conflict (article_id, voter) do update set helpful = excluded.helpful, comment = excluded.comment,
				  voted_at = excluded.voted_at""")
			.params(id, voter, helpful, clean, Timestamp.from(clock.instant()))
			.update();
		jdbc.sql("""
				update kb_article set
				  helpful = (select count(*) from kb_vote where article_id = ? and helpful),
				  not_helpful = (select count(*) from kb_vote where article_id = ? and not helpful)
				where id = ?""")
			.params(id, id, id).update();
	}

	/** Comments left with "not helpful" votes, newest first. */
	@Transactional(readOnly = true)
	public List<String> complaints(long id, int limit) {
		return jdbc.sql("select comment from kb_vote where article_id = ? and not helpful and comment is not null "
				+ "order by voted_at desc limit ?").params(id, limit).query(String.class).list();
	}

	private void publicOrInternal(long id) {
		liveArticle(id).orElseThrow(() -> new NotFoundException("kb.article-not-found", id));
	}

	private void embed(long id, String title, List<String> phrasings) {
		List<String> texts = new ArrayList<>(new LinkedHashSet<>(concat(title, phrasings)));
		List<float[]> vectors = embedder.embedAll(texts);
		jdbc.sql("delete from kb_embedding where article_id = ?").param(id).update();
		for (int i = 0; i < texts.size(); i++) {
			jdbc.sql("insert into kb_embedding (article_id, position, text, vector) values (?, ?, ?, ?)")
				.params(id, i, texts.get(i), Vectors.boxed(vectors.get(i)))
				.update();
		}
	}

	private static List<String> concat(String title, List<String> phrasings) {
		List<String> all = new ArrayList<>();
		all.add(title);
		all.addAll(phrasings);
		return all;
	}

	private void insertVersion(long id, int number, Checked c, Actor by, Instant now) {
		jdbc.sql("""
				insert into kb_version (article_id, number, title, body_html, phrasings, status, author_id, created_at)
				values (?, ?, ?, ?, ?, 'draft', ?, ?)""")
			.params(id, number, c.title, c.bodyHtml, String.join("\n", c.phrasings), by.userId() == null ? 0 : by.userId(),
					Timestamp.from(now))
			.update();
	}

	private String status(long id, int number) {
		return jdbc.sql("select status from kb_version where article_id = ? and number = ?").params(id, number)
			.query(String.class).single();
	}

	private Article article(long id) {
		Article article = entities.find(Article.class, id);
		if (article == null) {
			throw new NotFoundException("kb.article-not-found", id);
		}
		return article;
	}

	private record Checked(String kind, String language, Long categoryId, String visibility, long ownerId,
			String title, String bodyHtml, List<String> phrasings) {
	}

	private Checked check(ArticleInput input, Actor by) {
		String kind = input.kind() == null || input.kind().isBlank() ? "article" : input.kind();
		if (!KINDS.contains(kind)) {
			throw new InvalidInputException("kb.kind-unknown", kind);
		}
		String language = input.language() == null || input.language().isBlank() ? "zh-CN" : input.language();
		if (!LANGUAGES.contains(language)) {
			throw new InvalidInputException("kb.language-unknown", language);
		}
		String visibility = input.visibility() == null || input.visibility().isBlank() ? "public" : input.visibility();
		if (!VISIBILITIES.contains(visibility)) {
			throw new InvalidInputException("kb.visibility-unknown", visibility);
		}
		if (input.categoryId() != null && categories.find(input.categoryId()).isEmpty()) {
			throw new InvalidInputException("kb.category-unknown", input.categoryId());
		}
		String title = input.title() == null ? "" : input.title().strip();
		if (title.isEmpty()) {
			throw new InvalidInputException("kb.title-required");
		}
		if (title.length() > MAX_TITLE) {
			throw new InvalidInputException("kb.title-too-long", MAX_TITLE);
		}
		String body = Html.sanitise(input.bodyHtml());
		if (body.length() > MAX_BODY) {
			throw new InvalidInputException("kb.body-too-long", MAX_BODY);
		}
		if (Html.text(body).isEmpty()) {
			throw new InvalidInputException("kb.body-required");
		}
		List<String> phrasings = input.phrasings() == null ? List.of()
				: input.phrasings().stream().filter(p -> p != null && !p.isBlank())
					.map(p -> p.strip().replace('\n', ' ')).distinct().toList();
		if (phrasings.size() > MAX_PHRASINGS) {
			throw new InvalidInputException("kb.phrasings-too-many", MAX_PHRASINGS);
		}
		long owner = input.ownerId() != null ? input.ownerId() : by.userId() == null ? 0 : by.userId();
		if (input.ownerId() != null && users.find(new UserId(owner)).isEmpty()) {
			throw new InvalidInputException("kb.owner-unknown", owner);
		}
		return new Checked(kind, language, input.categoryId(), visibility, owner, title, body, phrasings);
	}

	private List<ArticleView> views(String where, List<Object> params) {
		LocalDate today = LocalDate.now(clock);
		List<ArticleView> rows = jdbc.sql("""
				select a.*, v.status as latest_status from kb_article a
				join kb_version v on v.article_id = a.id and v.number = a.latest_version
				""" + where + " order by a.updated_at desc limit 500")
			.params(params)
			.query((rs, n) -> {
				LocalDate reviewBy = rs.getObject("review_by", LocalDate.class);
				return new ArticleView(rs.getLong("id"), rs.getString("kind"), rs.getString("language"),
						(Long) rs.getObject("category_id"), rs.getString("visibility"), rs.getLong("owner_id"), null,
						reviewBy, reviewBy != null && !reviewBy.isAfter(today), rs.getString("title"),
						rs.getString("body_html"), split(rs.getString("phrasings")), (Integer) rs.getObject("live_version"),
						rs.getInt("latest_version"), rs.getString("latest_status"), rs.getBoolean("archived"),
						rs.getInt("helpful"), rs.getInt("not_helpful"), rs.getTimestamp("updated_at").toInstant(),
						rs.getTimestamp("published_at") == null ? null : rs.getTimestamp("published_at").toInstant());
			})
			.list();
		Map<UserId, UserSummary> owners = users.find(rows.stream().map(r -> new UserId(r.ownerId())).collect(Collectors.toSet()));
		return rows.stream().map(r -> new ArticleView(r.id(), r.kind(), r.language(), r.categoryId(), r.visibility(),
				r.ownerId(), Optional.ofNullable(owners.get(new UserId(r.ownerId()))).map(UserSummary::displayName).orElse("—"),
				r.reviewBy(), r.reviewDue(), r.title(), r.bodyHtml(), r.phrasings(), r.liveVersion(), r.latestVersion(),
				r.latestStatus(), r.archived(), r.helpful(), r.notHelpful(), r.updatedAt(), r.publishedAt())).toList();
	}

	private List<LiveArticle> live(String where, List<Object> params) {
		String filter = where.replaceFirst("^where ", "where a.live_version is not null and not a.archived and ");
		return jdbc.sql("select a.* from kb_article a " + filter).params(params)
			.query((rs, n) -> new LiveArticle(rs.getLong("id"), rs.getString("kind"), rs.getString("language"),
					(Long) rs.getObject("category_id"), rs.getString("visibility"), rs.getString("title"),
					rs.getString("body_html"), rs.getString("body_text"), split(rs.getString("phrasings")),
					rs.getInt("helpful"), rs.getInt("not_helpful"), rs.getTimestamp("published_at").toInstant()))
			.list();
	}

	private static VersionView versionRow(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new VersionView(rs.getInt("number"), rs.getString("title"), rs.getString("body_html"),
				split(rs.getString("phrasings")), rs.getString("status"), rs.getLong("author_id"), null,
				rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("submitted_at") == null ? null : rs.getTimestamp("submitted_at").toInstant(),
				(Long) rs.getObject("reviewer_id"), null,
				rs.getTimestamp("reviewed_at") == null ? null : rs.getTimestamp("reviewed_at").toInstant(),
				rs.getString("review_note"));
	}

	private VersionView named(VersionView v) {
		return new VersionView(v.number(), v.title(), v.bodyHtml(), v.phrasings(), v.status(), v.authorId(),
				name(v.authorId()), v.createdAt(), v.submittedAt(), v.reviewerId(),
				v.reviewerId() == null ? null : name(v.reviewerId()), v.reviewedAt(), v.reviewNote());
	}

	private String name(long userId) {
		return users.find(new UserId(userId)).map(UserSummary::displayName).orElse("—");
	}

	private static List<String> lines(VersionView v) {
		List<String> lines = new ArrayList<>();
		lines.add("# " + v.title());
		lines.addAll(Html.text(v.bodyHtml()).lines().toList());
		for (String p : v.phrasings()) {
			lines.add("? " + p);
		}
		return lines;
	}

	static List<String> split(String phrasings) {
		if (phrasings == null || phrasings.isBlank()) {
			return List.of();
		}
		return Arrays.stream(phrasings.split("\n")).filter(s -> !s.isBlank()).toList();
	}



	/** HTML made safe the way articles are saved, for showing what a writer sent back to them. */
	public static String safeHtml(String html) {
		return Html.sanitise(html);
	}
}
