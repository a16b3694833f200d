package org.kefu.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kefu.identity.Permission;
import org.kefu.identity.UserSummary;
import org.kefu.identity.Users;
import org.kefu.notification.Notifications;
import org.kefu.webhook.Webhooks;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells operations at once when an account's contacts or addresses change (R-ACC-1): a notice to
 * everyone who receives account change notices, and the {@code account.changed} webhook for the
 * operations systems. Runs after the change commits, from the durable event registry.
 */
@Component
class AccountChangeNotices {

	private final Users users;
	private final Notifications notifications;
	private final Webhooks webhooks;

	AccountChangeNotices(Users users, Notifications notifications, Webhooks webhooks) {
		this.users = users;
		this.notifications = notifications;
		this.webhooks = webhooks;
	}

	@ApplicationModuleListener
	void on(AccountChanged changed) {
		if (!changed.concernsOperations()) {
			return;
		}
		notifications.notify(users.withPermission(Permission.ACCOUNT_CHANGE_NOTICE).stream()
			.map(UserSummary::id).map(id -> id.value()).toList(), "account." + changed.action(),
				List.of(changed.name()), "/accounts/" + changed.account().value());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("account", changed.account().value());
		data.put("name", changed.name());
		data.put("change", changed.action());
		data.put("before", changed.before());
		data.put("after", changed.after());
		data.put("by", changed.by().name());
		webhooks.publish("account.changed", data);
	}
}
