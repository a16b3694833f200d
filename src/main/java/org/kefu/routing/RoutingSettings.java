package org.kefu.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How routing waits: an offer stands {@code offer} long; an item waits {@code ownerWait} for the
 * agent who owns the customer's open issue; after {@code relaxAfter} skills are no longer required
 * (only team membership), so nothing waits forever for a skill nobody on shift has. An agent is
 * offered {@code offersAtOnce} items at a time (one): the next comes when they answer.
 */
@ConfigurationProperties("kefu.routing")
public record RoutingSettings(Boolean enabled, Duration offer, Duration ownerWait, Duration relaxAfter, Integer batch,
		Integer offersAtOnce) {

	public RoutingSettings {
		enabled = enabled == null || enabled;
		offer = offer == null ? Duration.ofSeconds(30) : offer;
		ownerWait = ownerWait == null ? Duration.ofSeconds(60) : ownerWait;
		relaxAfter = relaxAfter == null ? Duration.ofSeconds(120) : relaxAfter;
		batch = batch == null ? 500 : batch;
		offersAtOnce = offersAtOnce == null ? 1 : offersAtOnce;
	}
}
