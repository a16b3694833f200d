package org.kefu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Kefu (客服): a customer service center in one service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
@Modulithic(systemName = "Kefu", sharedModules = { "shared", "platform" })
public class KefuApplication {

	public static void main(String[] args) {
		SpringApplication.run(KefuApplication.class, args);
	}
}
