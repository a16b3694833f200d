package org.kefu.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;
import org.hibernate.search.engine.search.highlighter.dsl.HighlighterEncoder;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.mapper.orm.Search;
import org.kefu.language.TextAnalyzer;
import org.kefu.shared.InvalidInputException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Searching live articles: the question is cut into words the way the index was (Chinese
 * segmented, English stemmed, stop words dropped); each word matches itself or any of its
 * synonyms, English words also with one typo; three words in four must match (at least one). Titles weigh most,
 * then phrasings, then the text. Hits come with the matching words marked.
 */
@Service
@Transactional(readOnly = true)
public class KnowledgeSearch {

	private static final int MAX_QUERY = 200;

	/** A found article, its title and a snippet with the matching words in {@code <mark>} (HTML-escaped). */
	public record Hit(long id, String title, String titleHtml, String snippetHtml, String language, String visibility,
			Long categoryId, float score) {
	}

	private final EntityManager entities;
	private final Synonyms synonyms;

	KnowledgeSearch(EntityManager entities, Synonyms synonyms) {
		this.entities = entities;
		this.synonyms = synonyms;
	}

	/**
	 * @param language        only articles in this language ({@code zh-CN}, {@code en}), or any when null
	 * @param includeInternal whether internal articles are searched (staff only)
	 */
	public List<Hit> search(String text, String language, boolean includeInternal, int limit) {
		String query = text == null ? "" : text.strip();
		if (query.length() > MAX_QUERY) {
			throw new InvalidInputException("kb.search.too-long", MAX_QUERY);
		}
		List<String> words = new ArrayList<>(new LinkedHashSet<>(TextAnalyzer.words(query)));
		if (words.isEmpty()) {
			return List.of();
		}
		var hits = Search.session(entities).search(Article.class)
			.select(f -> f.composite()
				.from(f.id(Long.class), f.field("title", String.class), f.highlight("title").single(),
						f.highlight("bodyText").single(), f.field("language", String.class),
						f.field("visibility", String.class), f.field("categoryId", Long.class), f.score())
				.asArray())
			.where(f -> {
				BooleanPredicateClausesStep<?, ?> bool = f.bool();
				BooleanPredicateClausesStep<?, ?> matching = f.bool();
				for (String word : words) {
					matching.should(word(f, word));
				}
				matching.minimumShouldMatchNumber(Math.max(1, words.size() * 3 / 4));
				bool.must(matching);
				bool.filter(f.exists().field("liveVersion"));
				bool.filter(f.match().field("archived").matching(false));
				if (!includeInternal) {
					bool.filter(f.match().field("visibility").matching("public"));
				}
				if (language != null) {
					bool.filter(f.match().field("language").matching(language));
				}
				return bool;
			})
			.highlighter(h -> h.plain().encoder(HighlighterEncoder.HTML).tag("<mark>", "</mark>")
				.fragmentSize(120).numberOfFragments(1).noMatchSize(120))
			.fetchHits(Math.max(1, Math.min(limit, 50)));
		List<Hit> found = new ArrayList<>(hits.size());
		for (Object[] row : hits) {
			String title = (String) row[1];
			String titleHtml = row[2] == null ? escape(title) : (String) row[2];
			found.add(new Hit((Long) row[0], title, titleHtml, row[3] == null ? "" : (String) row[3], (String) row[4],
					(String) row[5], (Long) row[6], (Float) row[7]));
		}
		return found;
	}

	private org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep word(SearchPredicateFactory f,
			String word) {
		Set<String> alternatives = synonyms.alternatives(word);
		BooleanPredicateClausesStep<?, ?> any = f.bool();
		for (String alternative : alternatives) {
			any.should(f.match().field("title").boost(3f).field("phrasings").boost(2f).field("bodyText")
				.matching(alternative).skipAnalysis());
			if (alternative.length() >= 4 && alternative.chars().allMatch(c -> c < 128 && Character.isLetter(c))) {
				any.should(f.match().field("title").boost(1.5f).field("phrasings").field("bodyText").boost(0.5f)
					.matching(alternative).fuzzy(1, 1).skipAnalysis());
			}
		}
		return any;
	}

	private static String escape(String s) {
		return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
