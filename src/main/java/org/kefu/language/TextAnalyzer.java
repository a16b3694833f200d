package org.kefu.language;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Words of mixed Chinese and English text: Chinese is segmented into words by smartcn's hidden
 * Markov model (退款申请 → 退款 申请), English is lower-cased, stripped of stop words and
 * stemmed (refunds → refund), punctuation is dropped. Used for search indexes and for the bot's
 * word matching, so both read text the same way.
 */
public final class TextAnalyzer extends Analyzer {

	private static final CharArraySet STOP_WORDS;

	static {
		CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
		set.addAll(SmartChineseAnalyzer.getDefaultStopSet());
		for (String word : List.of("的", "了", "吗", "呢", "吧", "啊", "么", "我", "你", "是", "在", "怎么",
				"如何", "什么", "请问", "可以", "能", "一下", "i", "my", "me", "can", "do", "how", "what")) {
			set.add(word);
		}
		STOP_WORDS = CharArraySet.unmodifiableSet(set);
	}

	private static final TextAnalyzer SHARED = new TextAnalyzer();

	@Override
	protected TokenStreamComponents createComponents(String fieldName) {
		Tokenizer source = new HMMChineseTokenizer();
		TokenStream stream = new LowerCaseFilter(source);
		stream = new StopFilter(stream, STOP_WORDS);
		stream = new PorterStemFilter(stream);
		return new TokenStreamComponents(source, stream);
	}

	/** The words of a text, in order, repeated as often as they occur. */
	public static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return words;
		}
		try (TokenStream stream = SHARED.tokenStream("text", new StringReader(text))) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				words.add(term.toString());
			}
			stream.end();
		}
		catch (IOException impossible) {
			throw new IllegalStateException(impossible);
		}
		return words;
	}

	/** The shared analyzer, for Lucene indexes outside Hibernate Search. */
	public static Analyzer shared() {
		return SHARED;
	}
}
