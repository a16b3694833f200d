package org.kefu.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashMap;

import org.kefu.language.TextAnalyzer;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Words that mean the same to the center's customers (退款 / 退钱 / refund), kept by an
 * administrator, one group per line. Search looks for any word of a group when one is asked for.
 */
@Service
@Transactional
public class Synonyms {

	private final JdbcClient jdbc;
	private volatile Map<String, Set<String>> byWord;

	Synonyms(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<List<String>> groups() {
		return jdbc.sql("select words from kb_synonym order by id")
			.query((rs, n) -> List.of((String[]) rs.getArray(1).getArray()))
			.list();
	}

	/** Replaces all groups by the text's lines (words separated by commas, 、 or spaces). */
	public void replace(String text, Actor by) {
		List<List<String>> groups = new ArrayList<>();
		int line = 0;
		for (String raw : (text == null ? "" : text).lines().toList()) {
			line++;
			if (raw.isBlank()) {
				continue;
			}
			List<String> words = new ArrayList<>(new LinkedHashSet<>(List.of(raw.strip().split("[,，、\\s]+"))));
			words.removeIf(String::isBlank);
			if (words.size() < 2) {
				throw new InvalidInputException("kb.synonyms.line-too-short", line);
			}
			if (words.stream().anyMatch(w -> w.length() > 40)) {
				throw new InvalidInputException("kb.synonyms.word-too-long", line);
			}
			groups.add(words);
		}
		jdbc.sql("delete from kb_synonym").update();
		for (List<String> group : groups) {
			jdbc.sql("insert into kb_synonym (words) values (?)").param(group.toArray(String[]::new)).update();
		}
		byWord = null;
	}

	/**
	 * The analysed forms of every word that means the same as the given analysed word, itself
	 * included.
	 */
	public Set<String> alternatives(String analysedWord) {
		Map<String, Set<String>> map = byWord;
		if (map == null) {
			map = new HashMap<>();
			for (List<String> group : groups()) {
				Set<String> forms = new LinkedHashSet<>();
				for (String word : group) {
					forms.addAll(TextAnalyzer.words(word));
				}
				for (String form : forms) {
					map.computeIfAbsent(form, k -> new LinkedHashSet<>()).addAll(forms);
				}
			}
			byWord = map;
		}
		Set<String> found = map.get(analysedWord);
		return found == null ? Set.of(analysedWord) : found;
	}
}
