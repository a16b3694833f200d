import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
import org.kefu.language.IntentClassifier;
import org.kefu.language.QuestionMatcher;
import org.kefu.language.SentenceEmbedder;
import org.kefu.language.TextAnalyzer;

/**
 * (h) Knowledge evaluation on public data in ../shared/data: Kefu's intent classifier on CLINC150
 * (with out-of-scope rejection) and BANKING77, its FAQ matcher on the Chinese BQ and LCQMC pairs
 * (pair accuracy and retrieval), the bot's answer and wrong-answer rates, and latency per question
 * on one core. Every threshold and cost is chosen on a tuning split, never on the split reported.
 * Run by bench/knowledge.sh; writes its figures into bench/README.md (-Dreadme=none to skip).
 *
 * <p>Modes: {@code KnowledgeBench.java [data-dir]} runs everything and starts the latency part as a
 * separate JVM pinned to one core ({@code taskset -c 0}); {@code KnowledgeBench.java data-dir
 * latency model-file} is that part alone.
 */
public class KnowledgeBench {

	static final List<String> NEEDED = List.of(
			"intent/clinc150/train/seq.in", "intent/clinc150/train/label",
			"intent/clinc150/valid/seq.in", "intent/clinc150/valid/label",
			"intent/clinc150/test/seq.in", "intent/clinc150/test/label",
			"intent/clinc150/oos/valid/seq.in", "intent/clinc150/oos/valid/label",
			"intent/clinc150/oos/test/seq.in", "intent/clinc150/oos/test/label",
			"intent/banking77/train/seq.in", "intent/banking77/train/label",
			"intent/banking77/valid/seq.in", "intent/banking77/valid/label",
			"faq-zh/bq_dev.csv", "faq-zh/lcqmc_dev.tsv");
	static final double[] COSTS = { 1, 4, 16 };
	static final double WRONG_LIMIT = 0.03;
	static final int WARM_UP = 500;
	static final int TIMED = 2000;

	static Path data;
	static Path cache = Path.of(System.getProperty("cache", "/tmp/kefu-knowledge-cache"));
	static SentenceEmbedder embedder;
	static final List<String[]> rows = new ArrayList<>();
	static final Map<String, Double> figures = new LinkedHashMap<>();
	static final Map<String, String> notes = new LinkedHashMap<>();

	public static void main(String[] args) throws Exception {
		data = Path.of(args.length > 0 ? args[0] : "../shared/data");
		List<String> missing = NEEDED.stream().filter(f -> !Files.isReadable(data.resolve(f))).toList();
		if (!missing.isEmpty()) {
			System.err.println("Evaluation data is missing under " + data.toAbsolutePath() + ": " + String.join(", ", missing)
					+ "\nIt comes with the shared data folder (../shared/data/intent, ../shared/data/faq-zh); see ../shared/data/README.md.");
			System.exit(2);
		}
		Files.createDirectories(cache);
		if (args.length > 1 && args[1].equals("latency")) {
			latency(Path.of(args[2]));
			return;
		}
		long started = System.nanoTime();
		embedder = new SentenceEmbedder();
		Path bankingModel = classification();
		Bot clincBot = lastClincBot;
		Faqs faqs = faq();
		bot(faqs, clincBot);
		Map<String, double[]> latency = latencyInOneCore(bankingModel);
		double minutes = (System.nanoTime() - started) / 60e9;
		String table = table(latency) + "\n" + curve;
		System.out.println();
		System.out.println(table);
		String summary = summary(latency);
		System.out.println(summary);
		System.out.printf(Locale.ROOT, "%nBench time: %.1f min (embeddings %s)%n", minutes, notes.getOrDefault("cache", "?"));
		String readme = System.getProperty("readme", "bench/README.md");
		if (!readme.equals("none")) {
			writeReadme(Path.of(readme), table, summary, minutes);
			System.out.println("Written into " + readme);
		}
	}

	// ---------------------------------------------------------------- (a) classification

	record Labelled(List<String> texts, List<String> labels, List<float[]> vectors) {

		Labelled subset(boolean held, int every) {
			List<String> t = new ArrayList<>(), l = new ArrayList<>();
			List<float[]> v = new ArrayList<>();
			for (int i = 0; i < texts.size(); i++) {
				if ((i % every == 0) == held) {
					t.add(texts.get(i));
					l.add(labels.get(i));
					v.add(vectors.get(i));
				}
			}
			return new Labelled(t, l, v);
		}

		List<IntentClassifier.Example> examples() {
			List<IntentClassifier.Example> examples = new ArrayList<>(texts.size());
			for (int i = 0; i < texts.size(); i++) {
				examples.add(new IntentClassifier.Example(texts.get(i), vectors.get(i), labels.get(i)));
			}
			return examples;
		}

		int size() {
			return texts.size();
		}
	}

	/** The classifier's top guess for each text. */
	record Bot(IntentClassifier.Guess[] inScope, Labelled inScopeData, IntentClassifier.Guess[] outOfScope, double threshold) {
	}

	static Bot lastClincBot;

	static Labelled labelled(String dir, String name) {
		List<String> texts = lines(data.resolve(dir).resolve("seq.in"));
		List<String> labels = lines(data.resolve(dir).resolve("label"));
		if (texts.size() != labels.size()) {
			throw new IllegalStateException(dir + ": " + texts.size() + " texts but " + labels.size() + " labels");
		}
		return new Labelled(texts, labels, embed(name, texts));
	}

	static IntentClassifier.Guess[] predict(IntentClassifier classifier, Labelled set) {
		IntentClassifier.Guess[] guesses = new IntentClassifier.Guess[set.size()];
		for (int i = 0; i < set.size(); i++) {
			guesses[i] = classifier.best(set.texts().get(i), set.vectors().get(i));
		}
		return guesses;
	}

	static double accuracy(IntentClassifier.Guess[] guesses, Labelled set, double threshold) {
		int right = 0;
		for (int i = 0; i < guesses.length; i++) {
			if (guesses[i].confidence() >= threshold && guesses[i].label().equals(set.labels().get(i))) {
				right++;
			}
		}
		return (double) right / guesses.length;
	}

	static double below(IntentClassifier.Guess[] guesses, double threshold) {
		return (double) Arrays.stream(guesses).filter(g -> g.confidence() < threshold).count() / guesses.length;
	}

	record Trained(IntentClassifier classifier, double c, double seconds) {
	}

	/** Trains with each cost, keeps the one most accurate on the tuning set. */
	static Trained chooseCost(String name, Labelled train, Labelled tune) {
		Trained best = null;
		double bestAccuracy = -1;
		StringBuilder tried = new StringBuilder();
		for (double c : COSTS) {
			long t0 = System.nanoTime();
			IntentClassifier classifier = IntentClassifier.train(train.examples(), c);
			double seconds = (System.nanoTime() - t0) / 1e9;
			double accuracy = accuracy(predict(classifier, tune), tune, 0);
			log("%s c=%s: tuning accuracy %s, trained in %.1f s", name, number(c), pct(accuracy), seconds);
			tried.append(tried.isEmpty() ? "" : ", ").append(number(c)).append(": ").append(pct(accuracy));
			if (accuracy > bestAccuracy) {
				bestAccuracy = accuracy;
				best = new Trained(classifier, c, seconds);
			}
		}
		notes.put(name + " costs", tried.toString());
		return best;
	}

	static Path classification() throws IOException {
		Labelled train = labelled("intent/clinc150/train", "clinc-train");
		Labelled valid = labelled("intent/clinc150/valid", "clinc-valid");
		Labelled oosValid = labelled("intent/clinc150/oos/valid", "clinc-oos-valid");
		Labelled test = labelled("intent/clinc150/test", "clinc-test");
		Labelled oosTest = labelled("intent/clinc150/oos/test", "clinc-oos-test");
		clincOosTest = oosTest;

		Trained clinc = chooseCost("CLINC150", train, valid);
		IntentClassifier.Guess[] validGuesses = predict(clinc.classifier(), valid);
		IntentClassifier.Guess[] oosValidGuesses = predict(clinc.classifier(), oosValid);
		// Highest in-scope accuracy on valid among the thresholds that reject ≥ 80 % of valid's out-of-scope.
		double threshold = 0;
		double bestAccuracy = -1;
		for (double t : candidates(confidences(validGuesses), confidences(oosValidGuesses))) {
			if (below(oosValidGuesses, t) >= 0.8 && accuracy(validGuesses, valid, t) > bestAccuracy) {
				bestAccuracy = accuracy(validGuesses, valid, t);
				threshold = t;
			}
		}
		log("CLINC150 threshold %.4f: valid in-scope %s, valid OOS recall %s", threshold, pct(bestAccuracy),
				pct(below(oosValidGuesses, threshold)));
		IntentClassifier.Guess[] testGuesses = predict(clinc.classifier(), test);
		IntentClassifier.Guess[] oosTestGuesses = predict(clinc.classifier(), oosTest);
		double inScope = accuracy(testGuesses, test, threshold);
		double recall = below(oosTestGuesses, threshold);
		double plain = accuracy(testGuesses, test, 0);
		figures.put("clinc in-scope", inScope);
		figures.put("clinc oos recall", recall);
		figures.put("clinc plain", plain);
		figures.put("clinc threshold", threshold);
		lastClincBot = new Bot(testGuesses, test, oosTestGuesses, threshold);
		String how = String.format(Locale.ROOT, "c = %s (valid accuracy %s); answer when top p ≥ %.3f (valid: in-scope %s, OOS recall %s)",
				number(clinc.c()), notes.get("CLINC150 costs"), threshold, pct(bestAccuracy), pct(below(oosValidGuesses, threshold)));
		row("(a)", "CLINC150 test, in-scope accuracy with rejection (rejected = wrong); " + how,
				pct(inScope) + " of " + count(test.size()), target(inScope >= 0.95, "≥ 95 %"));
		row("(a)", "CLINC150 test, out-of-scope recall at that threshold", pct(recall) + " of " + count(oosTest.size()),
				target(recall >= 0.8, "≥ 80 %"));
		row("(a)", "CLINC150 test, in-scope accuracy without rejection", pct(plain), "");

		Labelled bankingAll = labelled("intent/banking77/train", "banking-train");
		Labelled bankingValid = labelled("intent/banking77/valid", "banking-valid");
		KnowledgeBench.bankingTrain = bankingAll;
		KnowledgeBench.bankingValid = bankingValid;
		Trained tuned = chooseCost("BANKING77", bankingAll.subset(false, 10), bankingAll.subset(true, 10));
		long t0 = System.nanoTime();
		IntentClassifier banking = IntentClassifier.train(bankingAll.examples(), tuned.c());
		double bankingSeconds = (System.nanoTime() - t0) / 1e9;
		double bankingAccuracy = accuracy(predict(banking, bankingValid), bankingValid, 0);
		figures.put("banking", bankingAccuracy);
		log("BANKING77 valid accuracy %s (c=%s, %.1f s)", pct(bankingAccuracy), number(tuned.c()), bankingSeconds);
		row("(a)", "BANKING77 valid accuracy; c = " + number(tuned.c()) + " (held-out tenth of train: " + notes.get("BANKING77 costs")
				+ ")", pct(bankingAccuracy) + " of " + count(bankingValid.size()),
				target(bankingAccuracy >= 0.94, "≥ 94 %") + " (published: ≈ 93 % on test, small embedding model + linear classifier)");
		row("(a)", "training time (LIBLINEAR, one thread)", String.format(Locale.ROOT, "CLINC150 %.0f s (%s examples, 150 labels); BANKING77 %.0f s (%s, 77 labels)",
				clinc.seconds(), count(train.size()), bankingSeconds, count(bankingAll.size())), "");
		Path model = cache.resolve("banking77-" + number(tuned.c()) + ".model");
		Files.writeString(model, banking.save());
		return model;
	}

	static double[] confidences(IntentClassifier.Guess[] guesses) {
		return Arrays.stream(guesses).mapToDouble(IntentClassifier.Guess::confidence).toArray();
	}

	// ---------------------------------------------------------------- (b) FAQ matching

	record Pair(String a, String b, boolean same) {
	}

	static List<Pair> bqPairs() {
		try {
			String text = Files.readString(data.resolve("faq-zh/bq_dev.csv"), StandardCharsets.UTF_8);
			if (text.startsWith("\uFEFF")) {
				text = text.substring(1);
			}
			List<Pair> pairs = new ArrayList<>();
			CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
			for (CSVRecord record : format.parse(new java.io.StringReader(text))) {
				pairs.add(new Pair(record.get("sentence1").strip(), record.get("sentence2").strip(), record.get("label").strip().equals("1")));
			}
			return pairs;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static List<Pair> lcqmcPairs() {
		List<Pair> pairs = new ArrayList<>();
		for (String line : lines(data.resolve("faq-zh/lcqmc_dev.tsv"))) {
			String[] f = line.split("\t");
			if (f.length == 3) {
				pairs.add(new Pair(f[0].strip(), f[1].strip(), f[2].strip().equals("1")));
			}
		}
		return pairs;
	}

	/** Each text of the pairs with its vector. */
	static Map<String, float[]> vectors(String name, List<Pair> pairs) {
		List<String> texts = distinctTexts(pairs);
		List<float[]> vectors = embed(name, texts);
		Map<String, float[]> map = new HashMap<>();
		for (int i = 0; i < texts.size(); i++) {
			map.put(texts.get(i), vectors.get(i));
		}
		return map;
	}

	static List<String> distinctTexts(List<Pair> pairs) {
		return new ArrayList<>(new LinkedHashSet<>(pairs.stream().flatMap(p -> java.util.stream.Stream.of(p.a(), p.b())).toList()));
	}

	/** A FAQ for the bot: known phrasings (several may share an answer, their key), questions and their right answers. */
	record Faq(List<QuestionMatcher.Known> known, List<String> queries, List<float[]> vectors, List<Set<Long>> right,
			QuestionMatcher matcher) {

		Faq(List<QuestionMatcher.Known> known, List<String> queries, List<float[]> vectors, List<Set<Long>> right) {
			this(known, queries, vectors, right, new QuestionMatcher(known));
		}

		int size() {
			return queries.size();
		}

		long answers() {
			return known.stream().mapToLong(QuestionMatcher.Known::key).distinct().count();
		}
	}

	/**
	 * BQ as the brief puts it: each distinct first sentence of a positive pair is its own answer; each
	 * distinct second sentence is a question, right when answered by a first sentence it was paired with.
	 */
	static Faq bqLiteral(List<Pair> pairs, Map<String, float[]> vectors) {
		Map<String, Long> keys = new LinkedHashMap<>();
		Map<String, Set<Long>> right = new LinkedHashMap<>();
		for (Pair p : pairs) {
			if (p.same()) {
				long key = keys.computeIfAbsent(p.a(), a -> (long) keys.size());
				right.computeIfAbsent(p.b(), b -> new HashSet<>()).add(key);
			}
		}
		List<QuestionMatcher.Known> known = new ArrayList<>();
		keys.forEach((text, key) -> known.add(new QuestionMatcher.Known(key, text, vectors.get(text))));
		List<String> queries = new ArrayList<>(right.keySet());
		return new Faq(known, queries, queries.stream().map(vectors::get).toList(), new ArrayList<>(right.values()));
	}

	/**
	 * BQ as a FAQ with paraphrase groups: texts joined by positive pairs (transitively) are one answer
	 * (no negative pair falls inside a group); the known phrasings are the first sentences of positive
	 * pairs, the questions are the second sentences that are not themselves a known phrasing.
	 */
	static Faq bqGrouped(List<Pair> pairs, Map<String, float[]> vectors) {
		Map<String, String> parent = new HashMap<>();
		for (Pair p : pairs) {
			if (p.same()) {
				String a = root(parent, p.a()), b = root(parent, p.b());
				if (!a.equals(b)) {
					parent.put(a, b);
				}
			}
		}
		Map<String, Long> groups = new HashMap<>();
		Set<String> firsts = new LinkedHashSet<>();
		Set<String> seconds = new LinkedHashSet<>();
		for (Pair p : pairs) {
			if (p.same()) {
				firsts.add(p.a());
				seconds.add(p.b());
			}
		}
		List<QuestionMatcher.Known> known = new ArrayList<>();
		for (String text : firsts) {
			known.add(new QuestionMatcher.Known(groups.computeIfAbsent(root(parent, text), r -> (long) groups.size()), text,
					vectors.get(text)));
		}
		List<String> queries = seconds.stream().filter(q -> !firsts.contains(q)).toList();
		return new Faq(known, queries, queries.stream().map(vectors::get).toList(),
				queries.stream().map(q -> Set.of(groups.get(root(parent, q)))).toList());
	}

	static String root(Map<String, String> parent, String text) {
		String r = text;
		while (parent.containsKey(r) && !parent.get(r).equals(r)) {
			r = parent.get(r);
		}
		return r;
	}

	/** BANKING77 as a FAQ with complete labels: the training utterances are the known phrasings of 77 answers. */
	static Faq bankingFaq() {
		Map<String, Long> keys = new LinkedHashMap<>();
		List<QuestionMatcher.Known> known = new ArrayList<>();
		for (int i = 0; i < bankingTrain.size(); i++) {
			known.add(new QuestionMatcher.Known(keys.computeIfAbsent(bankingTrain.labels().get(i), l -> (long) keys.size()),
					bankingTrain.texts().get(i), bankingTrain.vectors().get(i)));
		}
		return new Faq(known, bankingValid.texts(), bankingValid.vectors(),
				bankingValid.labels().stream().map(l -> Set.of(keys.get(l))).toList());
	}

	static Labelled bankingTrain, bankingValid, clincOosTest;
	static List<Pair> lcqmc;
	static Map<String, float[]> lcqmcVectors;

	record Faqs(Faq bq, Faq banking) {
	}

	static Faqs faq() throws IOException {
		List<Pair> bq = bqPairs();
		Map<String, float[]> bqVectors = vectors("bq", bq);
		lcqmc = lcqmcPairs();
		lcqmcVectors = vectors("lcqmc", lcqmc);
		pairAccuracy("BQ", bq, bqVectors, true);
		pairAccuracy("LCQMC", lcqmc, lcqmcVectors, false);

		Faq literal = bqLiteral(bq, bqVectors);
		int[] strict = retrieval(literal, false)[0];
		long itself = literal.queries().stream().filter(q -> literal.known().stream().anyMatch(k -> k.text().equals(q))).count();
		row("(b)", String.format(Locale.ROOT, "BQ retrieval as first specified: each of the %s distinct sentence1 of positive pairs its own answer,"
				+ " %s questions (their sentence2; %s of them are themselves another answer's sentence1): top-1 / top-3, QuestionMatcher",
				count(literal.known().size()), count(literal.size()), count((int) itself)), topK(strict, literal.size()), "");
		Faq grouped = bqGrouped(bq, bqVectors);
		int[][] g = retrieval(grouped, true);
		String what = String.format(Locale.ROOT, "BQ retrieval by paraphrase group: %s known phrasings (sentence1) of %s answers (groups joined"
				+ " by positive pairs), %s questions (sentence2 not among the phrasings): top-1 / top-3", count(grouped.known().size()),
				count((int) grouped.answers()), count(grouped.size()));
		row("(b)", what + ", QuestionMatcher", topK(g[0], grouped.size()), "");
		row("(b)", "same, embedding cosine alone", topK(g[1], grouped.size()), "");
		row("(b)", "same, BM25 over the same words alone", topK(g[2], grouped.size()), "");
		figures.put("bq top1", (double) g[0][1] / grouped.size());

		Faq banking = bankingFaq();
		int[][] b = retrieval(banking, true);
		row("(b)", String.format(Locale.ROOT, "BANKING77 as a FAQ (complete labels): %s train utterances as phrasings of 77 answers,"
				+ " %s valid questions: top-1 / top-3, QuestionMatcher", count(banking.known().size()), count(banking.size())),
				topK(b[0], banking.size()), "");
		row("(b)", "same, embedding cosine alone", topK(b[1], banking.size()), "");
		row("(b)", "same, BM25 alone", topK(b[2], banking.size()), "");
		return new Faqs(grouped, banking);
	}

	static String topK(int[] counts, int n) {
		return pct((double) counts[1] / n) + " / " + pct((double) counts[3] / n);
	}

	/** Top-1 and top-3 hits of QuestionMatcher and, with baselines, of cosine alone and BM25 alone. */
	static int[][] retrieval(Faq faq, boolean baselines) throws IOException {
		int[] matcher = new int[4], meaning = new int[4], words = new int[4];
		IndexSearcher bm25 = baselines ? bm25(faq.known()) : null;
		for (int q = 0; q < faq.size(); q++) {
			String question = faq.queries().get(q);
			float[] vector = faq.vectors().get(q);
			Set<Long> right = faq.right().get(q);
			score(matcher, faq.matcher().match(question, vector, 3).stream().map(QuestionMatcher.Match::key).toList(), right);
			if (baselines) {
				score(meaning, byCosine(faq.known(), vector, 3), right);
				score(words, byBm25(bm25, question, 3), right);
			}
		}
		return new int[][] { matcher, meaning, words };
	}

	/** counts[1] += right at rank 1, counts[3] += right within the top 3. */
	static void score(int[] counts, List<Long> ranked, Set<Long> right) {
		for (int i = 0; i < ranked.size() && i < 3; i++) {
			if (right.contains(ranked.get(i))) {
				if (i == 0) {
					counts[1]++;
				}
				counts[3]++;
				return;
			}
		}
	}

	/** The best distinct answers by cosine of their best phrasing. */
	static List<Long> byCosine(List<QuestionMatcher.Known> known, float[] vector, int limit) {
		Map<Long, Double> best = new HashMap<>();
		for (QuestionMatcher.Known k : known) {
			best.merge(k.key(), (double) SentenceEmbedder.cosine(vector, k.vector()), Math::max);
		}
		return best.entrySet().stream().sorted(Map.Entry.<Long, Double>comparingByValue().reversed()).limit(limit)
			.map(Map.Entry::getKey).toList();
	}

	static IndexSearcher bm25(List<QuestionMatcher.Known> known) throws IOException {
		ByteBuffersDirectory directory = new ByteBuffersDirectory();
		try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalyzer.shared()))) {
			for (QuestionMatcher.Known k : known) {
				Document document = new Document();
				document.add(new TextField("text", k.text(), Field.Store.NO));
				document.add(new StoredField("key", k.key()));
				writer.addDocument(document);
			}
		}
		return new IndexSearcher(DirectoryReader.open(directory));
	}

	/** The best distinct answers by BM25 of their best phrasing. */
	static List<Long> byBm25(IndexSearcher searcher, String question, int limit) throws IOException {
		List<String> words = TextAnalyzer.words(question);
		if (words.isEmpty()) {
			return List.of();
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		for (String word : new LinkedHashSet<>(words)) {
			query.add(new TermQuery(new Term("text", word)), BooleanClause.Occur.SHOULD);
		}
		Set<Long> keys = new LinkedHashSet<>();
		for (ScoreDoc hit : searcher.search(query.build(), 50).scoreDocs) {
			keys.add(searcher.storedFields().document(hit.doc).getField("key").numericValue().longValue());
			if (keys.size() == limit) {
				break;
			}
		}
		return new ArrayList<>(keys);
	}

	/**
	 * Pair accuracy: the product's confidence for a pair is that of a matcher knowing only the first
	 * sentence, asked the second. Threshold chosen on the even rows, accuracy on the odd rows.
	 */
	static void pairAccuracy(String name, List<Pair> pairs, Map<String, float[]> vectors, boolean withTarget) {
		int n = pairs.size();
		double[] confidence = new double[n], cosine = new double[n], words = new double[n];
		boolean[] same = new boolean[n];
		long t0 = System.nanoTime();
		for (int i = 0; i < n; i++) {
			Pair p = pairs.get(i);
			QuestionMatcher.Match m = new QuestionMatcher(List.of(new QuestionMatcher.Known(0, p.a(), vectors.get(p.a()))))
				.match(p.b(), vectors.get(p.b()), 1).getFirst();
			confidence[i] = m.confidence();
			cosine[i] = m.meaning();
			words[i] = m.words();
			same[i] = p.same();
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		log("%s: %,d pairs scored by one-entry matchers in %.1f s", name, n, seconds);
		notes.put(name + " pair time", String.format(Locale.ROOT, "%.1f ms", seconds * 1000 / n));
		double[] c = pairThreshold(confidence, same), m = pairThreshold(cosine, same), w = pairThreshold(words, same);
		figures.put(name + " pair", c[1]);
		String odd = count(n / 2);
		row("(b)", name + " pair accuracy, odd rows, QuestionMatcher confidence ≥ " + number3(c[0]) + " (chosen on even rows: "
				+ pct(c[2]) + ")", pct(c[1]) + " of " + odd,
				withTarget ? target(c[1] >= 0.85, "≥ 85 %") : "(published: BERT-base ≈ 87 % on LCQMC test)");
		row("(b)", name + " pair accuracy, odd rows, cosine alone ≥ " + number3(m[0]), pct(m[1]), "");
		row("(b)", name + " pair accuracy, odd rows, shared word weight alone ≥ " + number3(w[0]), pct(w[1]), "");
	}

	/** {threshold, odd-row accuracy, even-row accuracy}: the threshold most accurate on the even rows. */
	static double[] pairThreshold(double[] score, boolean[] same) {
		List<Double> even = new ArrayList<>();
		for (int i = 0; i < score.length; i += 2) {
			even.add(score[i]);
		}
		double best = 0, bestAccuracy = -1;
		for (double t : candidates(even.stream().mapToDouble(Double::doubleValue).toArray())) {
			double a = pairAccuracy(score, same, t, 0);
			if (a > bestAccuracy) {
				bestAccuracy = a;
				best = t;
			}
		}
		return new double[] { best, pairAccuracy(score, same, best, 1), bestAccuracy };
	}

	static double pairAccuracy(double[] score, boolean[] same, double threshold, int parity) {
		int right = 0, all = 0;
		for (int i = parity; i < score.length; i += 2) {
			all++;
			if ((score[i] >= threshold) == same[i]) {
				right++;
			}
		}
		return (double) right / all;
	}

	// ---------------------------------------------------------------- (c) the bot

	static final StringBuilder curve = new StringBuilder();

	/** The top match's confidence for each question, and whether it is a right answer. */
	record Answers(double[] top, boolean[] right) {
	}

	static Answers answers(Faq faq) {
		double[] top = new double[faq.size()];
		boolean[] right = new boolean[faq.size()];
		for (int q = 0; q < faq.size(); q++) {
			List<QuestionMatcher.Match> m = faq.matcher().match(faq.queries().get(q), faq.vectors().get(q), 1);
			top[q] = m.isEmpty() ? 0 : m.getFirst().confidence();
			right[q] = !m.isEmpty() && faq.right().get(q).contains(m.getFirst().key());
		}
		return new Answers(top, right);
	}

	/** The lowest threshold whose answers to the even questions are at most 3 % wrong; NaN when none is. */
	static double lowestThreshold(Answers a) {
		List<Double> even = new ArrayList<>();
		for (int q = 0; q < a.top().length; q += 2) {
			even.add(a.top()[q]);
		}
		double threshold = Double.NaN;
		for (double t : candidates(even.stream().mapToDouble(Double::doubleValue).toArray())) {
			double[] r = answered(a.top(), a.right(), t, 0);
			if (r[0] > 0 && r[1] <= WRONG_LIMIT && !(t >= threshold)) {
				threshold = t;
			}
		}
		return threshold;
	}

	/** The top confidence of each question asked of the FAQ. */
	static double[] tops(Faq faq, List<String> questions, Map<String, float[]> vectors) {
		double[] top = new double[questions.size()];
		for (int i = 0; i < top.length; i++) {
			List<QuestionMatcher.Match> m = faq.matcher().match(questions.get(i), vectors.get(questions.get(i)), 1);
			top[i] = m.isEmpty() ? 0 : m.getFirst().confidence();
		}
		return top;
	}

	/** Share of the questions answered at or above the threshold. */
	static double share(double[] top, double threshold) {
		return (double) Arrays.stream(top).filter(t -> t >= threshold).count() / top.length;
	}

	/** Rows for a FAQ bot; returns {answered, wrong} on the odd questions. */
	static double[] faqBot(String name, Faq faq, Answers a, String outsideName, double[] outside) {
		double threshold = lowestThreshold(a);
		int odd = faq.size() / 2;
		if (Double.isNaN(threshold)) {
			Integer[] order = java.util.stream.IntStream.range(0, faq.size() / 2).map(i -> 2 * i).boxed().toArray(Integer[]::new);
			Arrays.sort(order, (x, y) -> Double.compare(a.top()[y], a.top()[x]));
			int wrong = 0;
			for (int i = 0; i < 20 && i < order.length; i++) {
				wrong += a.right()[order[i]] ? 0 : 1;
			}
			row("(c)", name + String.format(Locale.ROOT, ": no threshold keeps the even questions' answers ≤ 3 %% wrong (the 20 most"
					+ " confident answers: %d wrong), so the bot would answer none", wrong), "0 % answered", target(false, "≥ 80 %"));
			return new double[] { 0, 0 };
		}
		double[] tuning = answered(a.top(), a.right(), threshold, 0);
		double[] result = answered(a.top(), a.right(), threshold, 1);
		log("%s threshold %.4f: even answered %s wrong %s; odd answered %s wrong %s", name, threshold, pct(tuning[0]), pct(tuning[1]),
				pct(result[0]), pct(result[1]));
		row("(c)", String.format(Locale.ROOT, "%s, odd questions (%s): answered (top confidence ≥ %.3f, the lowest keeping the even"
				+ " questions' answers ≤ 3 %% wrong; even: %s answered, %s wrong)", name, count(odd), threshold, pct(tuning[0]),
				pct(tuning[1])), pct(result[0]), target(result[0] >= 0.8, "≥ 80 %"));
		row("(c)", name + ", odd questions: answered wrong (share of answered; of all asked)",
				pct(result[1]) + " (" + pct(result[0] * result[1]) + ")", target(result[1] <= WRONG_LIMIT, "≤ 3 %"));
		row("(c)", String.format(Locale.ROOT, "%s questions (%s) asked of it at that threshold: answered (all wrong)", outsideName,
				count(outside.length)), pct(share(outside, threshold)), "");
		return result;
	}

	static void bot(Faqs faqs, Bot clinc) {
		Answers bq = answers(faqs.bq());
		List<String> outside = distinctTexts(lcqmc);
		double[] outsideTop = tops(faqs.bq(), outside, lcqmcVectors);
		double[] bqResult = faqBot("BQ bot (paraphrase groups)", faqs.bq(), bq, "LCQMC (open domain)", outsideTop);
		figures.put("bq answered", bqResult[0]);
		figures.put("bq wrong", bqResult[1]);
		// For reading by hand: the most confident answers on BQ counted wrong (odd questions).
		Integer[] order = java.util.stream.IntStream.range(0, faqs.bq().size() / 2).map(i -> 2 * i + 1).boxed().toArray(Integer[]::new);
		Arrays.sort(order, (x, y) -> Double.compare(bq.top()[y], bq.top()[x]));
		int shown = 0;
		System.out.println("The most confident BQ answers counted wrong (question → the phrasing it matched, another group):");
		for (int i = 0; i < order.length && shown < 15; i++) {
			int q = order[i];
			if (!bq.right()[q]) {
				QuestionMatcher.Match m = faqs.bq().matcher().match(faqs.bq().queries().get(q), faqs.bq().vectors().get(q), 1).getFirst();
				System.out.printf(Locale.ROOT, "  %.3f  %s → %s%n", m.confidence(), faqs.bq().queries().get(q), m.text());
				shown++;
			}
		}
		// The whole trade-off on BQ, odd questions, at fixed thresholds.
		curve.append("BQ bot (paraphrase groups) at fixed thresholds, odd questions; LCQMC = share of its ")
			.append(count(outside.size())).append(" open-domain questions answered by the BQ FAQ (all wrong):\n\n")
			.append("| threshold | BQ answered | BQ answered wrong (of answered) | LCQMC answered |\n| --- | --- | --- | --- |\n");
		for (double t : new double[] { 0.95, 0.9, 0.85, 0.8, 0.7, 0.6 }) {
			double[] r = answered(bq.top(), bq.right(), t, 1);
			curve.append(String.format(Locale.ROOT, "| %.2f | %s | %s | %s |%n", t, pct(r[0]), pct(r[1]),
					pct(share(outsideTop, t))));
		}
		Map<String, float[]> oos = new HashMap<>();
		for (int i = 0; i < clincOosTest.size(); i++) {
			oos.put(clincOosTest.texts().get(i), clincOosTest.vectors().get(i));
		}
		List<String> oosQuestions = new ArrayList<>(new LinkedHashSet<>(clincOosTest.texts()));
		double[] b = faqBot("BANKING77 FAQ bot", faqs.banking(), answers(faqs.banking()), "CLINC150 out-of-scope test",
				tops(faqs.banking(), oosQuestions, oos));
		figures.put("banking answered", b[0]);
		figures.put("banking wrong", b[1]);

		// CLINC150 as a bot at the threshold of (a).
		int in = clinc.inScope().length, inAnswered = 0, inWrong = 0, oosAnswered = 0;
		for (int i = 0; i < in; i++) {
			if (clinc.inScope()[i].confidence() >= clinc.threshold()) {
				inAnswered++;
				if (!clinc.inScope()[i].label().equals(clinc.inScopeData().labels().get(i))) {
					inWrong++;
				}
			}
		}
		for (IntentClassifier.Guess g : clinc.outOfScope()) {
			if (g.confidence() >= clinc.threshold()) {
				oosAnswered++;
			}
		}
		double answered = (double) inAnswered / in, wrong = inAnswered == 0 ? 0 : (double) inWrong / inAnswered;
		figures.put("clinc answered", answered);
		figures.put("clinc wrong", wrong);
		row("(c)", String.format(Locale.ROOT, "CLINC150 classifier as a bot at p ≥ %.3f (from (a)): in-scope test questions answered",
				clinc.threshold()), pct(answered), target(answered >= 0.8, "≥ 80 %"));
		row("(c)", "CLINC150 bot: answered wrong (share of answered; of all in-scope asked)",
				pct(wrong) + " (" + pct((double) inWrong / in) + ")", target(wrong <= WRONG_LIMIT, "≤ 3 %"));
		row("(c)", "CLINC150 bot: out-of-scope test questions answered (all wrong)",
				pct((double) oosAnswered / clinc.outOfScope().length) + " of " + count(clinc.outOfScope().length), "");
	}

	/** {answered share, wrong share of answered} over the questions of that parity. */
	static double[] answered(double[] top, boolean[] right, double threshold, int parity) {
		int all = 0, answered = 0, wrong = 0;
		for (int q = parity; q < top.length; q += 2) {
			all++;
			if (top[q] >= threshold) {
				answered++;
				if (!right[q]) {
					wrong++;
				}
			}
		}
		return new double[] { (double) answered / all, answered == 0 ? 0 : (double) wrong / answered };
	}

	// ---------------------------------------------------------------- (d) latency, one core

	static Map<String, double[]> latencyInOneCore(Path model) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		String source = System.getProperty("source", "bench/KnowledgeBench.java");
		List<String> command = new ArrayList<>(List.of("taskset", "-c", "0", java, "-cp", System.getProperty("java.class.path"),
				"-Dcache=" + cache, "--enable-native-access=ALL-UNNAMED", source, data.toString(), "latency", model.toString()));
		log("latency on one core: %s", String.join(" ", command.subList(0, 4)) + " … latency");
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		Map<String, double[]> latency = new LinkedHashMap<>();
		for (String line : new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
			if (line.startsWith("latency\t")) {
				String[] f = line.split("\t");
				latency.put(f[1], new double[] { Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]) });
			}
		}
		if (process.waitFor() != 0 || latency.isEmpty()) {
			throw new IllegalStateException("the latency run failed (exit " + process.exitValue() + ")");
		}
		return latency;
	}

	/** Run pinned to one core: prints "latency, name, p50 ms, p99 ms, questions" lines. */
	static void latency(Path model) throws IOException {
		log("latency: %d processors visible", Runtime.getRuntime().availableProcessors());
		embedder = new SentenceEmbedder();
		List<Pair> pairs = bqPairs();
		Faq faq = bqGrouped(pairs, vectors("bq", pairs));
		List<String> questions = distinctTexts(pairs);
		int timed = Math.min(TIMED, questions.size() - WARM_UP);
		double[] embed = new double[timed], match = new double[timed], both = new double[timed];
		for (int i = 0; i < WARM_UP + timed; i++) {
			String q = questions.get(i);
			long t0 = System.nanoTime();
			float[] v = embedder.embed(q);
			long t1 = System.nanoTime();
			faq.matcher().match(q, v, 3);
			long t2 = System.nanoTime();
			if (i >= WARM_UP) {
				embed[i - WARM_UP] = (t1 - t0) / 1e6;
				match[i - WARM_UP] = (t2 - t1) / 1e6;
				both[i - WARM_UP] = (t2 - t0) / 1e6;
			}
		}
		print("embed (BQ questions)", embed);
		print("match alone over the " + count(faq.known().size()) + " BQ phrasings", match);
		print("embed + match over the " + count(faq.known().size()) + " BQ phrasings", both);

		IntentClassifier classifier = IntentClassifier.load(Files.readString(model));
		List<String> warm = lines(data.resolve("intent/banking77/train/seq.in"));
		List<String> valid = lines(data.resolve("intent/banking77/valid/seq.in"));
		for (int i = 0; i < WARM_UP; i++) {
			classifier.best(warm.get(i), embedder.embed(warm.get(i)));
		}
		double[] embedEn = new double[valid.size()], classify = new double[valid.size()], total = new double[valid.size()];
		for (int i = 0; i < valid.size(); i++) {
			String q = valid.get(i);
			long t0 = System.nanoTime();
			float[] v = embedder.embed(q);
			long t1 = System.nanoTime();
			classifier.best(q, v);
			long t2 = System.nanoTime();
			embedEn[i] = (t1 - t0) / 1e6;
			classify[i] = (t2 - t1) / 1e6;
			total[i] = (t2 - t0) / 1e6;
		}
		print("embed (BANKING77 questions)", embedEn);
		print("classify alone (77 labels)", classify);
		print("embed + classify BANKING77", total);
	}

	static void print(String name, double[] ms) {
		double[] sorted = ms.clone();
		Arrays.sort(sorted);
		System.out.printf(Locale.ROOT, "latency\t%s\t%.3f\t%.3f\t%d%n", name, percentile(sorted, 0.5), percentile(sorted, 0.99), ms.length);
		System.out.flush();
	}

	static double percentile(double[] sorted, double p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

	// ---------------------------------------------------------------- report

	static String table(Map<String, double[]> latency) {
		double worst = 0;
		for (var e : latency.entrySet()) {
			String[] name = { e.getKey() };
			double[] v = e.getValue();
			boolean timedTarget = name[0].startsWith("embed + ");
			if (timedTarget) {
				worst = Math.max(worst, v[1]);
			}
			row("(d)", name[0] + ", one core (p50 / p99 over " + count((int) v[2]) + " questions after " + WARM_UP + " warm-up)",
					String.format(Locale.ROOT, "%.1f / %.1f ms", v[0], v[1]), timedTarget ? target(v[1] <= 30, "p99 ≤ 30 ms") : "");
		}
		figures.put("p99", worst);
		StringBuilder out = new StringBuilder();
		out.append("| part | measure | figure | target |\n| --- | --- | --- | --- |\n");
		for (String[] r : rows) {
			out.append("| ").append(String.join(" | ", r)).append(" |\n");
		}
		return out.toString();
	}

	static String summary(Map<String, double[]> latency) {
		List<String> met = new ArrayList<>(), notMet = new ArrayList<>();
		check(met, notMet, figures.get("banking") >= 0.94, "BANKING77 ≥ 94 % (" + pct(figures.get("banking")) + ")");
		check(met, notMet, figures.get("clinc in-scope") >= 0.95 && figures.get("clinc oos recall") >= 0.8,
				"CLINC150 in-scope ≥ 95 % with OOS recall ≥ 80 % (" + pct(figures.get("clinc in-scope")) + " with "
						+ pct(figures.get("clinc oos recall")) + ")");
		check(met, notMet, figures.get("BQ pair") >= 0.85, "BQ pair accuracy ≥ 85 % (" + pct(figures.get("BQ pair")) + ")");
		for (String[] bot : List.of(new String[] { "bq", "the BQ bot" }, new String[] { "banking", "the BANKING77 FAQ bot" },
				new String[] { "clinc", "the CLINC150 classifier as a bot" })) {
			double answered = figures.get(bot[0] + " answered"), wrong = figures.get(bot[0] + " wrong");
			check(met, notMet, answered >= 0.8 && wrong <= WRONG_LIMIT, bot[1] + " answering ≥ 80 % with ≤ 3 % wrong ("
					+ (answered == 0 ? "it answers nothing" : pct(answered) + " answered, " + pct(wrong) + " of them wrong") + ")");
		}
		check(met, notMet, figures.get("p99") <= 30, String.format(Locale.ROOT, "p99 ≤ 30 ms per question (worst p99 %.1f ms)", figures.get("p99")));
		return "**Targets met**: " + (met.isEmpty() ? "none" : String.join("; ", met)) + ". **Not met**: "
				+ (notMet.isEmpty() ? "none" : String.join("; ", notMet)) + ".";
	}

	static void check(List<String> met, List<String> notMet, boolean ok, String what) {
		(ok ? met : notMet).add(what);
	}

	static void writeReadme(Path readme, String table, String summary, double minutes) throws IOException {
		String machine = System.getenv().getOrDefault("KNOWLEDGE_MACHINE", Runtime.getRuntime().availableProcessors() + " cores, "
				+ System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version"));
		String heading = "### (h) Knowledge: classification, FAQ matching, bot";
		String section = heading + "\n\n"
				+ "`bench/knowledge.sh`, " + LocalDate.now(ZoneOffset.UTC) + ", " + machine + String.format(Locale.ROOT,
						"; the whole run took %.1f min. Data from `../shared/data` (CLINC150, BANKING77, BQ, LCQMC; see its README);"
								+ " every cost and threshold is chosen on a tuning split (CLINC150 valid, a tenth of BANKING77's train,"
								+ " even rows / even questions) and the figures are on the other split. Latency runs in its own JVM"
								+ " under `taskset -c 0`.\n\n", minutes)
				+ table + "\n" + summary + "\n\n" + LIMITS + "\n";
		String text = Files.readString(readme, StandardCharsets.UTF_8);
		int at = text.indexOf(heading);
		if (at >= 0) {
			int end = text.length();
			for (String next : List.of("\n### ", "\n## ")) {
				int i = text.indexOf(next, at + heading.length());
				if (i >= 0 && i + 1 < end) {
					end = i + 1;
				}
			}
			text = text.substring(0, at) + section + (end < text.length() ? "\n" + text.substring(end) : "");
		}
		else {
			text = text + (text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n") + section;
		}
		String row = "| `bench/knowledge.sh [data-dir]` | (h) knowledge, on `../shared/data` (no server started): the intent classifier"
				+ " on CLINC150 (with out-of-scope rejection) and BANKING77, the FAQ matcher on the Chinese BQ and LCQMC pairs"
				+ " (pair accuracy, retrieval top-1/top-3), the bot's answer and wrong-answer rates, and latency per question on"
				+ " one core |";
		List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
		int existing = -1, workforce = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("| `bench/knowledge.sh")) {
				existing = i;
			}
			if (lines.get(i).startsWith("| `bench/workforce.sh")) {
				workforce = i;
			}
		}
		if (existing >= 0) {
			lines.set(existing, row);
		}
		else if (workforce >= 0) {
			lines.add(workforce + 1, row);
		}
		Path temporary = readme.resolveSibling(readme.getFileName() + ".tmp");
		Files.writeString(temporary, String.join("\n", lines), StandardCharsets.UTF_8);
		Files.move(temporary, readme, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	static final String LIMITS = """
			What limits it: bge-small-zh-v1.5 is a small Chinese-first model, here also applied to English \
			intents, and its vectors are frozen (no fine-tuning on any of these sets); the classifier is a \
			linear model over them plus hashed words and n-grams, and more cost stopped helping (CLINC150 valid \
			92.8 % at c = 16, 92.9 % at c = 64). The CLINC150 rejection threshold rests on only 100 out-of-scope \
			valid questions. BQ only labels the pairs it judged, so used as a FAQ most answers it counts as wrong \
			are the same question in other words that BQ never paired (the bench prints the most confident ones, \
			e.g. 申请借款失败 → 借款申请失败, 如何更改还款卡号 → 如何更改还款银行号卡): its wrong-answer rates \
			are an upper bound, not the bot's. BANKING77 used as a FAQ has complete labels and is the fairer \
			test: there the matcher ranks well (top-3) but its confidence does not separate a right answer from \
			a near-neighbour intent (card_not_working, declined_card_payment, contactless_not_working) sharply \
			enough to answer most questions at ≤ 3 % wrong. Open-domain LCQMC questions are almost never \
			answered by the BQ FAQ, so staying silent out of domain works. A pair's confidence comes from a \
			matcher knowing only that question, so its word weights (idf) are those of a one-entry FAQ; on \
			LCQMC the cosine alone is the better pair score. Latency is measured on core 0 of a machine that \
			may be running other work.""";

	// ---------------------------------------------------------------- helpers

	/** Thresholds worth trying: midpoints between the distinct sorted scores, and beyond both ends. */
	static double[] candidates(double[]... scores) {
		double[] all = Arrays.stream(scores).flatMapToDouble(Arrays::stream).sorted().distinct().toArray();
		if (all.length == 0) {
			return new double[] { 0 };
		}
		double[] out = new double[all.length + 1];
		out[0] = all[0] - 1e-9;
		for (int i = 1; i < all.length; i++) {
			out[i] = (all[i - 1] + all[i]) / 2;
		}
		out[all.length] = all[all.length - 1] + 1e-9;
		return out;
	}

	static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Vectors of the texts, cached under /tmp by a hash of the model and the texts, so that a second run
	 * does not embed again; without the cache the texts are embedded (about 1,000 a second on 2 cores).
	 */
	static List<float[]> embed(String name, List<String> texts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(String.valueOf(BgeSmallZhV15QuantizedEmbeddingModel.class.getProtectionDomain().getCodeSource().getLocation())
				.getBytes(StandardCharsets.UTF_8));
			for (String text : texts) {
				digest.update(text.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			String key = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
			Path file = cache.resolve(name + "-" + key + ".f32");
			int d = SentenceEmbedder.DIMENSIONS;
			List<float[]> vectors = new ArrayList<>(texts.size());
			if (Files.isReadable(file) && Files.size(file) == (long) texts.size() * d * 4) {
				ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
				for (int i = 0; i < texts.size(); i++) {
					float[] v = new float[d];
					buffer.asFloatBuffer().get(i * d, v);
					vectors.add(v);
				}
				notes.merge("cache", "from the cache", (a, b) -> a.equals(b) ? a : "partly from the cache");
				return vectors;
			}
			if (embedder == null) {
				embedder = new SentenceEmbedder();
			}
			long t0 = System.nanoTime();
			for (int from = 0; from < texts.size(); from += 1000) {
				vectors.addAll(embedder.embedAll(texts.subList(from, Math.min(texts.size(), from + 1000))));
			}
			log("embedded %s: %,d texts in %.1f s", name, texts.size(), (System.nanoTime() - t0) / 1e9);
			notes.merge("cache", "computed", (a, b) -> a.equals(b) ? a : "partly from the cache");
			ByteBuffer buffer = ByteBuffer.allocate(texts.size() * d * 4).order(ByteOrder.LITTLE_ENDIAN);
			for (float[] v : vectors) {
				for (float x : v) {
					buffer.putFloat(x);
				}
			}
			Path temporary = Files.createTempFile(cache, name, ".tmp");
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				buffer.flip();
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
			}
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return vectors;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static void row(String part, String measure, String figure, String target) {
		rows.add(new String[] { part, measure, figure, target });
	}

	static String target(boolean met, String target) {
		return target + (met ? ": met" : ": **not met**");
	}

	static String pct(double share) {
		return String.format(Locale.ROOT, "%.1f %%", share * 100);
	}

	static String count(int n) {
		return String.format(Locale.ROOT, "%,d", n);
	}

	static String number(double x) {
		return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
	}

	static String number3(double x) {
		return String.format(Locale.ROOT, "%.3f", x);
	}

	static void log(String format, Object... args) {
		System.err.printf(Locale.ROOT, "[%tT] " + format + "%n", java.util.stream.Stream.concat(
				java.util.stream.Stream.of(System.currentTimeMillis()), Arrays.stream(args)).toArray());
	}
}
