package org.kefu.language;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/**
 * Sentence embeddings from bge-small-zh-v1.5 (quantised, 512 dimensions), run by ONNX Runtime
 * inside the JVM. The model is part of the application's class path; nothing is fetched. Vectors
 * come back normalised to length 1, so a dot product is their cosine.
 *
 * <p>Thread-safe. Loading takes about a second, so one instance is shared.
 */
public class SentenceEmbedder {

	/** Dimensions of every vector. */
	public static final int DIMENSIONS = 512;

	/** Longest text embedded; the model reads 512 tokens at most and short texts are what it is for. */
	private static final int MAX_CHARS = 500;

	private final BgeSmallZhV15QuantizedEmbeddingModel model;

	public SentenceEmbedder() {
		this.model = new BgeSmallZhV15QuantizedEmbeddingModel();
	}

	/** Embeds on the caller's thread and the given executor for batches. */
	public SentenceEmbedder(Executor executor) {
		this.model = new BgeSmallZhV15QuantizedEmbeddingModel(executor);
	}

	public float[] embed(String text) {
		return normalised(model.embed(clip(text)).content().vector());
	}

	public List<float[]> embedAll(List<String> texts) {
		List<TextSegment> segments = new ArrayList<>(texts.size());
		for (String text : texts) {
			segments.add(TextSegment.from(clip(text)));
		}
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (var embedding : model.embedAll(segments).content()) {
			vectors.add(normalised(embedding.vector()));
		}
		return vectors;
	}

	/** Cosine of two vectors of length 1. */
	public static float cosine(float[] a, float[] b) {
		float sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	private static String clip(String text) {
		String trimmed = text == null ? "" : text.strip();
		if (trimmed.isEmpty()) {
			return " ";
		}
		return trimmed.length() > MAX_CHARS ? trimmed.substring(0, MAX_CHARS) : trimmed;
	}

	private static float[] normalised(float[] v) {
		double sum = 0;
		for (float x : v) {
			sum += x * x;
		}
		if (sum == 0) {
			return v;
		}
		float scale = (float) (1 / Math.sqrt(sum));
		float[] out = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			out[i] = v[i] * scale;
		}
		return out;
	}
}
