package org.kefu.language;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Sparse features of a short text for the classifier: analysed words and word pairs, Chinese
 * character pairs (robust when segmentation errs) and character trigrams of Latin words (robust
 * to typos), hashed into a fixed space and scaled to length 1.
 */
final class Features {

	static final int SPACE = 1 << 16;

	private Features() {
	}

	/** Index (0-based, below {@link #SPACE}) → weight, sorted by index. */
	static TreeMap<Integer, Double> of(String text) {
		TreeMap<Integer, Double> counts = new TreeMap<>();
		List<String> words = TextAnalyzer.words(text);
		for (int i = 0; i < words.size(); i++) {
			add(counts, "w:" + words.get(i));
			if (i > 0) {
				add(counts, "b:" + words.get(i - 1) + ' ' + words.get(i));
			}
		}
		String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
		int previousHan = -1;
		StringBuilder latin = new StringBuilder();
		for (int i = 0; i < lower.length(); i++) {
			char c = lower.charAt(i);
			if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
				add(counts, "c:" + c);
				if (previousHan >= 0) {
					add(counts, "p:" + (char) previousHan + c);
				}
				previousHan = c;
			}
			else {
				previousHan = -1;
			}
			if (Character.isLetterOrDigit(c) && c < 0x2E80) {
				latin.append(c);
			}
			else {
				trigrams(counts, latin);
			}
		}
		trigrams(counts, latin);
		double norm = 0;
		for (double v : counts.values()) {
			norm += v * v;
		}
		double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
		counts.replaceAll((k, v) -> v * scale);
		return counts;
	}

	private static void trigrams(TreeMap<Integer, Double> counts, StringBuilder word) {
		if (word.length() >= 3) {
			String padded = "<" + word + ">";
			for (int i = 0; i + 3 <= padded.length(); i++) {
				add(counts, "t:" + padded.substring(i, i + 3));
			}
		}
		word.setLength(0);
	}

	private static void add(TreeMap<Integer, Double> counts, String feature) {
		int index = Math.floorMod(murmur(feature), SPACE);
		counts.merge(index, 1.0, Double::sum);
	}

	/** 32-bit FNV-1a then a finaliser mix: stable across JVMs, unlike String.hashCode's spread. */
	private static int murmur(String s) {
		int h = 0x811c9dc5;
		for (int i = 0; i < s.length(); i++) {
			h ^= s.charAt(i);
			h *= 0x01000193;
		}
		h ^= h >>> 16;
		h *= 0x85ebca6b;
		h ^= h >>> 13;
		h *= 0xc2b2ae35;
		h ^= h >>> 16;
		return h;
	}
}
