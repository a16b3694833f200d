package org.kefu.chat.web;

import org.kefu.platform.KefuProperties;
import org.kefu.shared.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * With demo data only: a sample shop page that embeds the chat widget exactly as a customer's site
 * would, so that someone trying Kefu can chat with themselves (the console in one browser, this
 * page in another).
 */
@Controller
class ChatTryPage {

	private final boolean demo;

	ChatTryPage(KefuProperties properties) {
		this.demo = properties.demoData();
	}

	@GetMapping("/chat/try")
	String shop() {
		if (!demo) {
			throw new NotFoundException("chat.not-found", "try");
		}
		return "chat/try";
	}
}
