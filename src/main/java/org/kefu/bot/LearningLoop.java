package org.kefu.bot;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.kefu.language.QuestionMatcher;
import org.kefu.language.SentenceEmbedder;
import org.kefu.language.Vectors;
import org.kefu.shared.Actor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the bot could not do, for knowledge owners: questions it did not answer, answered with low
 * confidence, answers marked not helpful and conversations handed to a person — grouped so that the
 * same question asked ten ways is one line — until someone resolves them (usually by writing an
 * article or adding the question as a phrasing). And what a different threshold would have done on
 * past questions, with today's knowledge.
 */
@Service
@Transactional
public class LearningLoop {

	/** Questions at least this similar (cosine) are one group. */
	static final double SAME_QUESTION = 0.82;
	private static final int WINDOW_DAYS = 90;
	private static final int MAX_QUESTIONS = 2000;

	/** Similar open questions: the first asked speaks for them. */
	public record Group(String question, int count, List<Long> questionIds, List<String> examples, String reason,
			Long guessArticleId, String guessTitle, double bestConfidence, Instant lastAsked) {
	}

	/** What answering at a threshold would have done on past questions. */
	public record Replay(double threshold, int questions, int answered, int answeredNotHelpful, int handedOverAnswered,
			int helpfulNotAnswered) {

		public double answerRate() {
			return questions == 0 ? 0 : (double) answered / questions;
		}
	}

	private final JdbcClient jdbc;
	private final Bot bot;
	private final Clock clock;

	LearningLoop(JdbcClient jdbc, Bot bot, Clock clock) {
		this.jdbc = jdbc;
		this.bot = bot;
		this.clock = clock;
	}

	private record Open(long id, String question, float[] vector, boolean answered, double confidence, String outcome,
			Long articleId, String guesses, Instant askedAt) {
	}

	/** Open questions of the last 90 days, grouped, largest group first. */
	@Transactional(readOnly = true)
	public List<Group> groups(int limit) {
		double threshold = bot.settings().threshold();
		List<Open> open = jdbc.sql("""
				select id, question, vector, answered, confidence, outcome, article_id, guesses::text, asked_at
				from bot_question
				where resolved_at is null and asked_at > ?
				  and (not answered or confidence < ? or outcome in ('not_helpful', 'handed_over'))
				order by asked_at desc limit ?""")
			.params(Timestamp.from(clock.instant().minus(Duration.ofDays(WINDOW_DAYS))), threshold + 0.05, MAX_QUESTIONS)
			.query((rs, n) -> new Open(rs.getLong(1), rs.getString(2), Vectors.floats((Object[]) rs.getArray(3).getArray()),
					rs.getBoolean(4), rs.getDouble(5), rs.getString(6), (Long) rs.getObject(7), rs.getString(8),
					rs.getTimestamp(9).toInstant()))
			.list();
		List<List<Open>> clusters = new ArrayList<>();
		for (Open q : open) {
			List<Open> home = null;
			for (List<Open> cluster : clusters) {
				if (SentenceEmbedder.cosine(cluster.getFirst().vector(), q.vector()) >= SAME_QUESTION) {
					home = cluster;
					break;
				}
			}
			if (home == null) {
				home = new ArrayList<>();
				clusters.add(home);
			}
			home.add(q);
		}
		List<Group> groups = new ArrayList<>();
		for (List<Open> cluster : clusters) {
			Open first = cluster.getFirst();
			Open best = cluster.stream().max(Comparator.comparingDouble(Open::confidence)).orElseThrow();
			String guessTitle = best.articleId() == null ? null
					: jdbc.sql("select title from kb_article where id = ?").param(best.articleId()).query(String.class)
						.optional().orElse(null);
			groups.add(new Group(first.question(), cluster.size(), cluster.stream().map(Open::id).toList(),
					cluster.stream().map(Open::question).distinct().limit(5).toList(), reason(cluster, threshold),
					best.articleId(), guessTitle, best.confidence(),
					cluster.stream().map(Open::askedAt).max(Comparator.naturalOrder()).orElseThrow()));
		}
		groups.sort(Comparator.comparingInt(Group::count).reversed().thenComparing(Group::lastAsked,
				Comparator.reverseOrder()));
		return groups.subList(0, Math.min(limit, groups.size()));
	}

	private static String reason(List<Open> cluster, double threshold) {
		if (cluster.stream().anyMatch(q -> "not_helpful".equals(q.outcome()))) {
			return "not_helpful";
		}
		if (cluster.stream().anyMatch(q -> "handed_over".equals(q.outcome()))) {
			return "handed_over";
		}
		if (cluster.stream().anyMatch(q -> !q.answered())) {
			return "unanswered";
		}
		return "low_confidence";
	}

	/** Closes questions (after an article or phrasing was written, or because they need none). */
	public int resolve(List<Long> questionIds, Actor by) {
		if (questionIds == null || questionIds.isEmpty()) {
			return 0;
		}
		return jdbc.sql("update bot_question set resolved_by = ?, resolved_at = ? where id = any(?) and resolved_at is null")
			.params(by.userId(), Timestamp.from(clock.instant()), questionIds.toArray(Long[]::new))
			.update();
	}

	/**
	 * The last questions asked by customers, matched again against today's knowledge at each of the
	 * thresholds: how many would be answered, and how many of those were answers customers said did
	 * not help or left for a person.
	 */
	@Transactional(readOnly = true)
	public List<Replay> replay(List<Double> thresholds, int lastQuestions) {
		record Past(String question, float[] vector, String language, String outcome) {
		}
		List<Past> past = jdbc.sql("""
				select question, vector, language, outcome from bot_question where source <> 'api'
				order by id desc limit ?""")
			.param(Math.max(1, Math.min(lastQuestions, 5000)))
			.query((rs, n) -> new Past(rs.getString(1), Vectors.floats((Object[]) rs.getArray(2).getArray()), rs.getString(3),
					rs.getString(4)))
			.list();
		double[] confidence = new double[past.size()];
		java.util.Map<String, QuestionMatcher> matchers = new java.util.HashMap<>();
		for (int i = 0; i < past.size(); i++) {
			Past p = past.get(i);
			QuestionMatcher matcher = matchers.computeIfAbsent(p.language(),
					language -> bot.matcher(Bot.Audience.CUSTOMER, language));
			List<QuestionMatcher.Match> m = matcher.match(p.question(), p.vector(), 1);
			confidence[i] = m.isEmpty() ? 0 : m.getFirst().confidence();
		}
		List<Replay> replays = new ArrayList<>();
		for (double t : thresholds) {
			int answered = 0;
			int notHelpful = 0;
			int handed = 0;
			int helpfulMissed = 0;
			for (int i = 0; i < past.size(); i++) {
				boolean would = confidence[i] >= t;
				String outcome = past.get(i).outcome();
				if (would) {
					answered++;
					if ("not_helpful".equals(outcome)) {
						notHelpful++;
					}
					if ("handed_over".equals(outcome)) {
						handed++;
					}
				}
				else if ("helpful".equals(outcome)) {
					helpfulMissed++;
				}
			}
			replays.add(new Replay(t, past.size(), answered, notHelpful, handed, helpfulMissed));
		}
		return replays;
	}

}
