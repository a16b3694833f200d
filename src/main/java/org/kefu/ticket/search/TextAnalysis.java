package org.kefu.ticket.search;

import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * How ticket text is cut into words for search: Chinese has no spaces, so smartcn segments it
 * (退款申请 → 退款 申请); English words are lower-cased and stemmed by the same analyzer.
 * Knowledge articles use Kefu's own analyzer (the same words, with English stop words dropped),
 * which the bot uses too.
 */
public class TextAnalysis implements LuceneAnalysisConfigurer {

	@Override
	public void configure(LuceneAnalysisConfigurationContext context) {
		context.analyzer("kefu").instance(new SmartChineseAnalyzer());
		context.analyzer("knowledge").instance(new org.kefu.language.TextAnalyzer());
	}
}
