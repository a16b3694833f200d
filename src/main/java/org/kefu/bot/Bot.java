package org.kefu.bot;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kefu.knowledge.Articles;
import org.kefu.knowledge.Articles.KnowledgeChanged;
import org.kefu.knowledge.Articles.LiveArticle;
import org.kefu.language.QuestionMatcher;
import org.kefu.language.QuestionMatcher.Known;
import org.kefu.language.QuestionMatcher.Match;
import org.kefu.language.SentenceEmbedder;
import org.kefu.language.Vectors;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Answers a customer's question from the knowledge base when it is confident enough, and keeps
 * every question asked. What the bot knows (the live articles' embedded titles and phrasings) is
 * held in memory per audience and language, and rebuilt when an article goes live or is archived.
 */
@Service
@Transactional
public class Bot {

	static final int MAX_QUESTION = 500;
	private static final int GUESSES = 3;
	private static final int ANSWER_CHARS = 600;
	/** Below this a candidate is noise, not a guess worth showing an agent. */
	static final double MIN_GUESS = 0.2;

	/** Who is asking: customers see public articles only; agents see internal ones too. */
	public enum Audience {
		CUSTOMER, AGENT
	}

	/** One of the bot's candidate articles. */
	public record Guess(long articleId, String title, double confidence) {
	}

	/** The bot's reply: an answer above the threshold, or not, with its best guesses either way. */
	public record Reply(long questionId, UUID conversation, boolean answered, Long articleId, String title,
			String answer, double confidence, double threshold, List<Guess> guesses) {
	}

	private final JdbcClient jdbc;
	private final Articles articles;
	private final SentenceEmbedder embedder;
	private final JsonMapper json;
	private final Clock clock;
	private volatile Map<String, QuestionMatcher> matchers;
	/** What the matchers were built from: the articles' latest change and count (another node may publish). */
	private volatile String builtFrom;

	Bot(JdbcClient jdbc, Articles articles, @Lazy SentenceEmbedder embedder, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.articles = articles;
		this.embedder = embedder;
		this.json = json;
		this.clock = clock;
	}

	/** Asks the bot and keeps the question. {@code source} is widget, help or api. */
	public Reply ask(String question, String language, String source, UUID conversation) {
		String text = question == null ? "" : question.strip();
		if (text.isEmpty()) {
			throw new InvalidInputException("bot.question-required");
		}
		if (text.length() > MAX_QUESTION) {
			throw new InvalidInputException("bot.question-too-long", MAX_QUESTION);
		}
		String lang = language(language, text);
		Settings settings = settings();
		float[] vector = embedder.embed(text);
		List<Match> matches = matcher(Audience.CUSTOMER, lang).match(text, vector, GUESSES);
		List<Guess> guesses = guesses(matches);
		Match best = matches.isEmpty() ? null : matches.getFirst();
		double confidence = best == null ? 0 : best.confidence();
		boolean answered = settings.enabled() && best != null && confidence >= settings.threshold();
		UUID conv = conversation == null ? UUID.randomUUID() : conversation;
		long id = jdbc.sql("""
				insert into bot_question (conversation, asked_at, question, language, source, vector, answered, article_id,
				  confidence, guesses)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb)) returning id""")
			.params(conv, Timestamp.from(clock.instant()), text, lang, source, Vectors.boxed(vector), answered,
					best == null ? null : best.key(), confidence, json.writeValueAsString(guesses))
			.query(Long.class).single();
		if (!answered) {
			return new Reply(id, conv, false, null, null, null, confidence, settings.threshold(), guesses);
		}
		LiveArticle article = articles.publicArticle(best.key()).orElseThrow();
		return new Reply(id, conv, true, article.id(), article.title(), excerpt(article.bodyText()), confidence,
				settings.threshold(), guesses);
	}

	/** Suggestions for an agent (internal articles included), without keeping anything. */
	@Transactional(readOnly = true)
	public List<Guess> suggest(String text, String language, int limit) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		String clipped = text.length() > 1000 ? text.substring(0, 1000) : text;
		String lang = language(language, clipped);
		return guesses(matcher(Audience.AGENT, lang).match(clipped, embedder.embed(clipped), limit));
	}

	/** The customer said the answer helped, or did not. */
	public void feedback(long questionId, UUID conversation, boolean helpful) {
		int updated = jdbc.sql("""
				update bot_question set outcome = ?, resolved_at = case when ? then ? else resolved_at end
				where id = ? and conversation = ? and answered""")
			.params(helpful ? "helpful" : "not_helpful", helpful, Timestamp.from(clock.instant()), questionId, conversation)
			.update();
		if (updated == 0) {
			throw new NotFoundException("bot.question-not-found", questionId);
		}
	}

	/** A conversation's questions in order, for the hand-over. */
	@Transactional(readOnly = true)
	public List<Asked> conversation(UUID conversation) {
		return jdbc.sql("""
				select q.id, q.question, q.answered, q.article_id, q.confidence, q.guesses::text, a.title
				from bot_question q left join kb_article a on a.id = q.article_id
				where q.conversation = ? order by q.id""")
			.param(conversation)
			.query((rs, n) -> new Asked(rs.getLong(1), rs.getString(2), rs.getBoolean(3), (Long) rs.getObject(4),
					rs.getString(7), rs.getDouble(5), List.of(json.readValue(rs.getString(6), Guess[].class))))
			.list();
	}

	public record Asked(long id, String question, boolean answered, Long articleId, String title, double confidence,
			List<Guess> guesses) {
	}

	/** Marks a conversation's questions as handed over to a person on the given ticket. */
	public void handedOver(UUID conversation, long ticketId) {
		jdbc.sql("update bot_question set outcome = 'handed_over', ticket_id = ? where conversation = ? and "
				+ "(outcome is null or outcome <> 'helpful')")
			.params(ticketId, conversation).update();
	}

	/** The threshold and whether the bot answers at all. */
	public record Settings(double threshold, boolean enabled) {
	}

	@Transactional(readOnly = true)
	public Settings settings() {
		return jdbc.sql("select threshold, enabled from bot_setting where id = 1").query(Settings.class).single();
	}

	public void configure(double threshold, boolean enabled, Actor by) {
		if (!(threshold >= 0.3 && threshold <= 0.95)) {
			throw new InvalidInputException("bot.threshold-range", 0.3, 0.95);
		}
		jdbc.sql("update bot_setting set threshold = ?, enabled = ?, updated_at = ?, updated_by = ? where id = 1")
			.params(threshold, enabled, Timestamp.from(clock.instant()), by.userId()).update();
	}

	/** What the bot knows right now, for replaying past questions. */
	QuestionMatcher matcher(Audience audience, String language) {
		String stamp = jdbc.sql("select coalesce(max(updated_at)::text, '') || '/' || count(*) from kb_article")
			.query(String.class).single();
		Map<String, QuestionMatcher> current = matchers;
		if (current == null || !stamp.equals(builtFrom)) {
			current = build();
			matchers = current;
			builtFrom = stamp;
		}
		return current.getOrDefault(audience + "/" + language, new QuestionMatcher(List.of()));
	}

	/**
	 * Loads the model and builds what the bot knows in the background once Kefu is up, so that the
	 * first customer does not wait for it.
	 */
	@org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
	void warmUp() {
		Thread.ofVirtual().name("bot-warm-up").start(() -> {
			try {
				embedder.embed("你好");
				matcher(Audience.CUSTOMER, "zh-CN");
			}
			catch (RuntimeException e) {
				org.slf4j.LoggerFactory.getLogger(Bot.class).warn("Warming up the bot failed; it loads on first use", e);
			}
		});
	}

	@TransactionalEventListener(fallbackExecution = true)
	@Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
	void on(KnowledgeChanged event) {
		matchers = null;
	}

	private Map<String, QuestionMatcher> build() {
		Map<String, List<Known>> known = new HashMap<>();
		for (Articles.Embedded e : articles.embedded()) {
			Known k = new Known(e.articleId(), e.text(), e.vector());
			known.computeIfAbsent(Audience.AGENT + "/" + e.language(), x -> new ArrayList<>()).add(k);
			if ("public".equals(e.visibility())) {
				known.computeIfAbsent(Audience.CUSTOMER + "/" + e.language(), x -> new ArrayList<>()).add(k);
			}
		}
		Map<String, QuestionMatcher> built = new HashMap<>();
		known.forEach((key, list) -> built.put(key, new QuestionMatcher(list)));
		return built;
	}

	private List<Guess> guesses(List<Match> matches) {
		if (matches.isEmpty()) {
			return List.of();
		}
		Map<Long, String> titles = new HashMap<>();
		for (LiveArticle a : articles.live(matches.stream().map(Match::key).toList())) {
			titles.put(a.id(), a.title());
		}
		return matches.stream().filter(m -> titles.containsKey(m.key()) && m.confidence() >= MIN_GUESS)
			.map(m -> new Guess(m.key(), titles.get(m.key()), Math.round(m.confidence() * 1000) / 1000.0)).toList();
	}

	/** The language asked for, or the question's own: Chinese when it holds Chinese characters. */
	static String language(String requested, String text) {
		if ("en".equals(requested) || "zh-CN".equals(requested)) {
			return requested;
		}
		if (requested != null && requested.toLowerCase().startsWith("zh")) {
			return "zh-CN";
		}
		if (requested != null && requested.toLowerCase().startsWith("en")) {
			return "en";
		}
		return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) ? "zh-CN"
				: "en";
	}

	private static String excerpt(String text) {
		if (text == null) {
			return "";
		}
		return text.length() <= ANSWER_CHARS ? text : text.substring(0, ANSWER_CHARS) + "…";
	}

}
