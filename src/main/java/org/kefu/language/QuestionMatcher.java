package org.kefu.language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Finds which known question a customer's question is, the way the bot needs it: candidates come
 * from both word search (BM25 over the analysed words) and meaning (cosine of sentence
 * embeddings), and each candidate gets one confidence from 0 to 1 that mixes the two — the cosine,
 * and how much of the question's weight (idf) of words the known question shares. Several known
 * phrasings may belong to one answer (its key); the best phrasing speaks for its answer.
 *
 * <p>Immutable: build a new matcher when the known questions change. Matching is thread-safe.
 */
public final class QuestionMatcher {

	/** Weight of meaning against words in the confidence. */
	static final double MEANING_WEIGHT = 0.7;
	private static final int CANDIDATES = 20;

	/** A known question: the answer it belongs to, its text and its embedding. */
	public record Known(long key, String text, float[] vector) {
	}

	/** The answer a question matched, by which phrasing, with what confidence. */
	public record Match(long key, String text, double confidence, double meaning, double words) {
	}

	private final List<Known> known;
	private final List<Set<String>> knownWords;
	private final IndexSearcher searcher;
	private final int documents;

	public QuestionMatcher(List<Known> known) {
		this.known = List.copyOf(known);
		this.knownWords = new ArrayList<>(known.size());
		ByteBuffersDirectory directory = new ByteBuffersDirectory();
		try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalyzer.shared()))) {
			for (int i = 0; i < this.known.size(); i++) {
				Known k = this.known.get(i);
				knownWords.add(new HashSet<>(TextAnalyzer.words(k.text())));
				Document document = new Document();
				document.add(new TextField("text", k.text(), Field.Store.NO));
				document.add(new StoredField("i", i));
				writer.addDocument(document);
			}
			writer.commit();
			this.searcher = new IndexSearcher(DirectoryReader.open(directory));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		this.documents = this.known.size();
	}

	public int size() {
		return known.size();
	}

	/** The best answers for the question, one match per key, most confident first. */
	public List<Match> match(String question, float[] vector, int limit) {
		if (known.isEmpty()) {
			return List.of();
		}
		List<String> words = TextAnalyzer.words(question);
		Set<Integer> candidates = new LinkedHashSet<>(byWords(words));
		candidates.addAll(byMeaning(vector));
		Map<Long, Match> best = new HashMap<>();
		Map<String, Double> idf = idf(words);
		for (int i : candidates) {
			Known k = known.get(i);
			double meaning = SentenceEmbedder.cosine(vector, k.vector());
			double shared = sharedWeight(words, idf, knownWords.get(i));
			double confidence = MEANING_WEIGHT * scaled(meaning) + (1 - MEANING_WEIGHT) * shared;
			Match match = new Match(k.key(), k.text(), confidence, meaning, shared);
			best.merge(k.key(), match, (a, b) -> a.confidence() >= b.confidence() ? a : b);
		}
		return best.values().stream()
			.sorted(Comparator.comparingDouble(Match::confidence).reversed())
			.limit(limit)
			.toList();
	}

	/**
	 * Cosines of this model spread from about 0.3 (unrelated) to 1; stretched so that 0.5 maps to 0
	 * and 1 to 1, giving meaning and words the same range.
	 */
	private static double scaled(double cosine) {
		return Math.clamp((cosine - 0.5) / 0.5, 0, 1);
	}

	private List<Integer> byWords(List<String> words) {
		if (words.isEmpty()) {
			return List.of();
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		for (String word : new LinkedHashSet<>(words)) {
			query.add(new TermQuery(new Term("text", word)), BooleanClause.Occur.SHOULD);
		}
		try {
			List<Integer> found = new ArrayList<>();
			for (ScoreDoc hit : searcher.search(query.build(), CANDIDATES).scoreDocs) {
				found.add(searcher.storedFields().document(hit.doc).getField("i").numericValue().intValue());
			}
			return found;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private List<Integer> byMeaning(float[] vector) {
		int n = known.size();
		int k = Math.min(CANDIDATES, n);
		int[] top = new int[k];
		float[] scores = new float[k];
		int filled = 0;
		for (int i = 0; i < n; i++) {
			float score = SentenceEmbedder.cosine(vector, known.get(i).vector());
			if (filled < k) {
				top[filled] = i;
				scores[filled++] = score;
				continue;
			}
			int worst = 0;
			for (int j = 1; j < k; j++) {
				if (scores[j] < scores[worst]) {
					worst = j;
				}
			}
			if (score > scores[worst]) {
				top[worst] = i;
				scores[worst] = score;
			}
		}
		List<Integer> found = new ArrayList<>(filled);
		for (int i = 0; i < filled; i++) {
			found.add(top[i]);
		}
		return found;
	}

	private Map<String, Double> idf(List<String> words) {
		Map<String, Double> idf = new HashMap<>();
		try {
			for (String word : words) {
				if (!idf.containsKey(word)) {
					int df = searcher.getIndexReader().docFreq(new Term("text", word));
					idf.put(word, Math.log(1 + (documents - df + 0.5) / (df + 0.5)));
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return idf;
	}

	/** The share of the question's word weight found in the known question, 0 to 1. */
	private static double sharedWeight(List<String> words, Map<String, Double> idf, Set<String> known) {
		double total = 0;
		double shared = 0;
		for (String word : new LinkedHashSet<>(words)) {
			double weight = idf.get(word);
			total += weight;
			if (known.contains(word)) {
				shared += weight;
			}
		}
		return total == 0 ? 0 : shared / total;
	}
}
