package org.kefu.language;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * One embedding model for the whole application, loaded when first needed (about a second). The
 * tokenizer's native library is unpacked under Kefu's data directory ({@code language/}), not the
 * home directory of whoever runs Kefu, unless {@code DJL_CACHE_DIR} says otherwise.
 */
@Configuration
class LanguageConfiguration {

	@Bean
	@Lazy
	SentenceEmbedder sentenceEmbedder(@Value("${kefu.data-dir}") Path dataDir) {
		if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
			System.setProperty("DJL_CACHE_DIR", dataDir.resolve("language").toAbsolutePath().toString());
		}
		return new SentenceEmbedder();
	}
}
