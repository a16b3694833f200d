package org.kefu.identity;

import java.time.Duration;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A short-lived cache of who is who, and of the teams, read on every request. Any change to users, roles or teams
 * empties it on this node; other nodes see the change within the expiry.
 */
@Component
class Directory {

	private final Cache<Long, CurrentUser> current = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(30)).maximumSize(10_000).build();
	private final Cache<Long, UserSummary> summaries = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(30)).maximumSize(50_000).build();

	private final Cache<String, java.util.List<TeamSummary>> teams = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(30)).build();

	java.util.List<TeamSummary> teams(java.util.function.Supplier<java.util.List<TeamSummary>> load) {
		return teams.get("all", k -> load.get());
	}

	CurrentUser current(long id, Function<Long, CurrentUser> load) {
		return current.get(id, load);
	}

	UserSummary summary(long id, Function<Long, UserSummary> load) {
		return summaries.get(id, load);
	}

	void put(UserSummary summary) {
		summaries.put(summary.id().value(), summary);
	}

	UserSummary cachedSummary(long id) {
		return summaries.getIfPresent(id);
	}

	void forgetAll() {
		current.invalidateAll();
		summaries.invalidateAll();
		teams.invalidateAll();
	}

	@EventListener({ UserCreated.class, UserChanged.class, RoleChanged.class, TeamChanged.class })
	void onChange(Object event) {
		forgetAll();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT,
			classes = { UserCreated.class, UserChanged.class, RoleChanged.class, TeamChanged.class })
	void afterChange(Object event) {
		forgetAll();
	}
}
