package org.kefu.chat.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.kefu.bot.Bot;
import org.kefu.platform.Locales;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The chat frame the widget opens on another site: in the language the site asks for
 * ({@code data-lang}), else the visitor's browser's, with the site's colour and greeting.
 */
@Controller
class ChatEmbedPage {

	private static final List<String> TEXTS = List.of("chat.widget.title", "chat.widget.greeting", "chat.widget.name",
			"chat.widget.email", "chat.widget.message", "chat.widget.start", "chat.widget.send", "chat.widget.end",
			"chat.widget.waiting", "chat.widget.joined", "chat.widget.ended", "chat.widget.offline",
			"chat.widget.leave", "chat.widget.left", "chat.widget.typing", "chat.widget.reconnecting",
			"chat.widget.unsent", "chat.widget.you", "chat.widget.attach", "chat.widget.refused", "chat.widget.bot-name",
			"chat.widget.bot-ask", "chat.widget.bot-unsure", "chat.widget.bot-human", "chat.widget.bot-solved",
			"chat.widget.bot-thanks", "chat.widget.bot-read", "chat.widget.bot-question");

	private final MessageSource messages;
	private final JsonMapper json;
	private final Bot bot;

	ChatEmbedPage(MessageSource messages, JsonMapper json, Bot bot) {
		this.messages = messages;
		this.json = json;
		this.bot = bot;
	}

	@GetMapping("/chat/embed")
	String embed(@RequestParam(required = false) String lang, @RequestParam(required = false) String color,
			@RequestParam(required = false) String greeting, jakarta.servlet.http.HttpServletRequest request,
			Model model) {
		Locale locale = lang == null ? null : Locales.parse(lang);
		if (locale == null) {
			locale = Locales.fromRequest(request);
		}
		Map<String, String> texts = new LinkedHashMap<>();
		for (String key : TEXTS) {
			texts.put(key.substring("chat.widget.".length()), messages.getMessage(key, null, locale));
		}
		if (greeting != null && !greeting.isBlank()) {
			texts.put("greeting", greeting.length() > 200 ? greeting.substring(0, 200) : greeting);
		}
		model.addAttribute("texts", texts);
		model.addAttribute("textsJson", json.writeValueAsString(texts));
		model.addAttribute("lang", Locales.tag(locale));
		model.addAttribute("bot", bot.settings().enabled());
		model.addAttribute("color", color != null && color.matches("#[0-9a-fA-F]{3,8}") ? color : "#0b5cab");
		return "chat/embed";
	}
}
