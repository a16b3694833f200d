package org.kefu.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

	/** Time as every module reads it; tests replace it with a fixed clock. */
	@Bean
	KefuClock clock() {
		return new KefuClock();
	}
}
