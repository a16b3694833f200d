package org.kefu.notification.web;

import org.kefu.identity.CurrentUser;
import org.kefu.notification.Notifications;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The bell in the top bar and the list of one's notices. */
@Controller
class NotificationPages {

	private final Notifications notifications;

	NotificationPages(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/notifications/bell")
	String bell(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("unread", notifications.unread(me.id()));
		return "notification/bell :: bell";
	}

	@GetMapping("/notifications")
	String list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String cursor, Model model) {
		var page = notifications.of(me.id(), cursor, 50);
		model.addAttribute("notices", page.items());
		model.addAttribute("nextCursor", page.nextCursor());
		return "notification/notifications";
	}

	@PostMapping("/notifications/read")
	String read(@AuthenticationPrincipal CurrentUser me) {
		notifications.markAllRead(me.id());
		return "redirect:/notifications";
	}
}
