package org.kefu.segment;

import org.kefu.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs every active tag rule at night, each in its own transaction, so that one failing rule spoils no other. */
@Component
class NightlyTagRules {

	private static final Logger log = LoggerFactory.getLogger(NightlyTagRules.class);

	private final TagRules rules;

	NightlyTagRules(TagRules rules) {
		this.rules = rules;
	}

	@Scheduled(cron = "${kefu.tag-rules.cron:0 30 2 * * *}", zone = "${kefu.time-zone:Asia/Shanghai}")
	void runAll() {
		for (TagRule rule : rules.all()) {
			if (!rule.active()) {
				continue;
			}
			try {
				TagRules.Run run = rules.run(rule.id(), Actor.system());
				log.info("Tag rule {}: {} customers, +{} -{}", run.tag(), run.matching(), run.gained(), run.lost());
			}
			catch (RuntimeException e) {
				log.warn("Tag rule {} failed", rule.tag(), e);
			}
		}
	}
}
