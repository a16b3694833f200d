package org.kefu.classify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.language.IntentClassifier;
import org.kefu.language.IntentClassifier.Example;
import org.kefu.language.SentenceEmbedder;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.ticket.BusinessType;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.TicketStatistics;
import org.kefu.ticket.TicketStatistics.ResolvedText;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Learns business types from resolved tickets and predicts them for new contacts. Training takes
 * the latest resolved tickets (subject and first customer message → final business type), keeps a
 * tenth aside to say how often the model is right, then learns from all of them; each business
 * type's team is the one that resolved most of its tickets. The active model is held in memory.
 */
@Service
@Transactional
public class ContactClassifier {

	static final int MAX_EXAMPLES = 4000;
	static final int MIN_EXAMPLES = 20;
	static final int MIN_PER_TYPE = 3;
	private static final double COST = 4;

	/** A prediction: the type, its usual team, how sure, by which model, and whether to trust it. */
	public record Prediction(String businessType, Long teamId, double confidence, int modelVersion, boolean confident,
			List<IntentClassifier.Guess> guesses) {
	}

	/** A trained model as the administrator sees it. */
	public record ModelInfo(int version, Instant trainedAt, Long trainedBy, int examples, List<String> labels,
			Double holdoutAccuracy, int holdoutSize, boolean active) {
	}

	private record Loaded(int version, IntentClassifier classifier, Map<String, Long> teams) {
	}

	private final JdbcClient jdbc;
	private final TicketStatistics statistics;
	private final BusinessTypes businessTypes;
	private final Teams teams;
	private final SentenceEmbedder embedder;
	private final JsonMapper json;
	private final Clock clock;
	/** The model in memory; checked against the database's active version on each use (another node may train). */
	private volatile Optional<Loaded> active;

	ContactClassifier(JdbcClient jdbc, TicketStatistics statistics, BusinessTypes businessTypes, Teams teams,
			@Lazy SentenceEmbedder embedder, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.statistics = statistics;
		this.businessTypes = businessTypes;
		this.teams = teams;
		this.embedder = embedder;
		this.json = json;
		this.clock = clock;
	}

	/** Trains a new model from resolved tickets and makes it the active one. */
	public ModelInfo train(Actor by) {
		List<ResolvedText> resolved = new ArrayList<>(statistics.resolvedTexts(MAX_EXAMPLES));
		Map<String, Long> perType = resolved.stream()
			.collect(Collectors.groupingBy(ResolvedText::businessType, Collectors.counting()));
		resolved.removeIf(r -> perType.get(r.businessType()) < MIN_PER_TYPE);
		Set<String> labels = resolved.stream().map(ResolvedText::businessType).collect(Collectors.toSet());
		if (resolved.size() < MIN_EXAMPLES || labels.size() < 2) {
			throw new ConflictException("classify.too-few", resolved.size(), labels.size(), MIN_EXAMPLES, MIN_PER_TYPE);
		}
		List<float[]> vectors = embedder.embedAll(resolved.stream().map(ResolvedText::text).toList());
		List<Example> examples = new ArrayList<>();
		for (int i = 0; i < resolved.size(); i++) {
			examples.add(new Example(resolved.get(i).text(), vectors.get(i), resolved.get(i).businessType()));
		}
		Collections.shuffle(examples, new Random(42));
		int holdout = examples.size() >= 50 ? examples.size() / 10 : 0;
		Double accuracy = null;
		if (holdout > 0) {
			List<Example> train = examples.subList(holdout, examples.size());
			if (train.stream().map(Example::label).distinct().count() >= 2) {
				IntentClassifier trial = IntentClassifier.train(train, COST);
				int right = 0;
				for (Example e : examples.subList(0, holdout)) {
					if (trial.best(e.text(), e.vector()).label().equals(e.label())) {
						right++;
					}
				}
				accuracy = (double) right / holdout;
			}
		}
		IntentClassifier model = IntentClassifier.train(examples, COST);
		Map<String, Long> teamOf = usualTeams(resolved);
		int version = jdbc.sql("""
				insert into classify_model (trained_at, trained_by, examples, labels, holdout_accuracy, holdout_size, teams,
				  model, active)
				values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, false) returning version""")
			.params(Timestamp.from(clock.instant()), by.userId(), examples.size(), model.labels().toArray(String[]::new),
					accuracy, holdout, json.writeValueAsString(teamOf), gzip(model.save()))
			.query(Integer.class).single();
		activate(version);
		active = Optional.of(new Loaded(version, model, teamOf));
		return models().stream().filter(m -> m.version() == version).findFirst().orElseThrow();
	}

	private void activate(int version) {
		jdbc.sql("update classify_model set active = (version = ?)").param(version).update();
	}

	/** The business type of a text by the active model, or nothing when there is no model yet. */
	@Transactional(readOnly = true)
	public Optional<Prediction> predict(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("classify.text-required");
		}
		Optional<Loaded> loaded = loaded();
		if (loaded.isEmpty()) {
			return Optional.empty();
		}
		Loaded model = loaded.get();
		String clipped = text.length() > 2000 ? text.substring(0, 2000) : text;
		List<IntentClassifier.Guess> guesses = model.classifier().guesses(clipped, embedder.embed(clipped));
		IntentClassifier.Guess best = guesses.getFirst();
		Long team = model.teams().get(best.label());
		if (team != null && teams.find(new TeamId(team)).filter(t -> t.active()).isEmpty()) {
			team = null;
		}
		boolean usable = businessTypes.find(best.label()).filter(BusinessType::active).isPresent();
		boolean confident = usable && best.confidence() >= threshold();
		return Optional.of(new Prediction(best.label(), team, best.confidence(), model.version(), confident,
				guesses.subList(0, Math.min(3, guesses.size()))));
	}

	/** Keeps what was predicted for a ticket, and whether it was applied. */
	public void record(long ticketId, Prediction prediction) {
		jdbc.sql("""
				insert into classify_prediction (ticket_id, model_version, business_type, team_id, confidence, applied,
				  predicted_at)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (ticket_id) do nothing""")
			.params(ticketId, prediction.modelVersion(), prediction.businessType(), prediction.teamId(),
					prediction.confidence(), prediction.confident(), Timestamp.from(clock.instant()))
			.update();
	}

	@Transactional(readOnly = true)
	public List<ModelInfo> models() {
		return jdbc.sql("""
				select version, trained_at, trained_by, examples, labels, holdout_accuracy, holdout_size, active
				from classify_model order by version desc""")
			.query((rs, n) -> new ModelInfo(rs.getInt(1), rs.getTimestamp(2).toInstant(), (Long) rs.getObject(3),
					rs.getInt(4), List.of((String[]) rs.getArray(5).getArray()), (Double) rs.getObject(6), rs.getInt(7),
					rs.getBoolean(8)))
			.list();
	}

	@Transactional(readOnly = true)
	public double threshold() {
		return jdbc.sql("select threshold from classify_setting where id = 1").query(Double.class).single();
	}

	public void setThreshold(double threshold, Actor by) {
		if (!(threshold >= 0.2 && threshold <= 0.99)) {
			throw new InvalidInputException("classify.threshold-range", 0.2, 0.99);
		}
		jdbc.sql("update classify_setting set threshold = ?, updated_by = ? where id = 1").params(threshold, by.userId())
			.update();
	}

	private Optional<Loaded> loaded() {
		Integer version = jdbc.sql("select version from classify_model where active").query(Integer.class).optional()
			.orElse(null);
		if (version == null) {
			return Optional.empty();
		}
		Optional<Loaded> current = active;
		if (current == null || current.isEmpty() || current.get().version() != version) {
			current = jdbc.sql("select version, model, teams::text from classify_model where active")
				.query((rs, n) -> new Loaded(rs.getInt(1), IntentClassifier.load(gunzip(rs.getBytes(2))),
						teamsOf(rs.getString(3))))
				.optional();
			active = current;
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Long> teamsOf(String text) {
		Map<String, Object> raw = json.readValue(text, LinkedHashMap.class);
		Map<String, Long> out = new HashMap<>();
		raw.forEach((k, v) -> out.put(k, v == null ? null : ((Number) v).longValue()));
		return out;
	}

	private static Map<String, Long> usualTeams(List<ResolvedText> resolved) {
		Map<String, Map<Long, Long>> counts = new HashMap<>();
		for (ResolvedText r : resolved) {
			if (r.teamId() != null) {
				counts.computeIfAbsent(r.businessType(), k -> new HashMap<>()).merge(r.teamId(), 1L, Long::sum);
			}
		}
		Map<String, Long> usual = new LinkedHashMap<>();
		counts.forEach((type, byTeam) -> byTeam.entrySet().stream().max(Map.Entry.comparingByValue())
			.ifPresent(e -> usual.put(type, e.getKey())));
		return usual;
	}

	private static byte[] gzip(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	private static String gunzip(byte[] data) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
