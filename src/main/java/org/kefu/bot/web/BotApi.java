package org.kefu.bot.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.kefu.bot.Bot;
import org.kefu.bot.Bot.Guess;
import org.kefu.bot.Bot.Reply;
import org.kefu.bot.LearningLoop;
import org.kefu.platform.AddressLimits;
import org.kefu.shared.Actor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bot over the API (for integrations, with a token) and for the public (the help center and
 * the chat frame, limited per address), plus agent suggestions and the bot's settings.
 */
@RestController
@Tag(name = "Bot", description = "Answers from the knowledge base above a confidence threshold, suggestions for agents")
class BotApi {

	private final Bot bot;
	private final LearningLoop learning;
	private final AddressLimits limits;

	BotApi(Bot bot, LearningLoop learning, Clock clock, @Value("${kefu.bot.per-address:60}") int perAddress) {
		this.bot = bot;
		this.learning = learning;
		this.limits = new AddressLimits(clock, Duration.ofMinutes(10), perAddress, "bot.too-many");
	}

	record Question(String question, String language, UUID conversation) {
	}

	record Feedback(long questionId, UUID conversation, boolean helpful) {
	}

	record Answer(boolean answered, Long articleId, String title, String answer, double confidence, double threshold,
			List<Guess> guesses, long questionId, UUID conversation) {

		static Answer of(Reply r) {
			return new Answer(r.answered(), r.articleId(), r.title(), r.answer(), Math.round(r.confidence() * 1000) / 1000.0,
					r.threshold(), r.guesses(), r.questionId(), r.conversation());
		}
	}

	record Settings(Double threshold, Boolean enabled) {
	}

	@PostMapping("/api/v1/bot/ask")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Ask the bot as a customer would (public articles): answered only at or above the threshold; "
			+ "guesses either way. Pass the conversation back to keep questions together")
	Answer ask(@RequestBody Question question) {
		return Answer.of(bot.ask(question.question(), question.language(), "api", question.conversation()));
	}

	@PostMapping("/bot/ask")
	@Operation(summary = "The public bot (help center, chat frame): no sign-in, limited per address")
	Answer askPublic(@RequestBody Question question, @RequestParam(defaultValue = "help") String source,
			HttpServletRequest request) {
		limits.count(request.getRemoteAddr());
		return Answer.of(bot.ask(question.question(), question.language(), "widget".equals(source) ? "widget" : "help",
				question.conversation()));
	}

	@PostMapping("/bot/feedback")
	@Operation(summary = "The customer says whether the bot's answer helped")
	void feedback(@RequestBody Feedback feedback) {
		bot.feedback(feedback.questionId(), feedback.conversation(), feedback.helpful());
	}

	@GetMapping("/api/v1/bot/suggest")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "Articles (internal included) that may answer a text, for agents")
	List<Guess> suggest(@RequestParam String text, @RequestParam(required = false) String language,
			@RequestParam(defaultValue = "5") int limit) {
		return bot.suggest(text, language, Math.max(1, Math.min(limit, 10)));
	}

	@GetMapping("/api/v1/bot/settings")
	@PreAuthorize("hasAuthority('kb.edit')")
	@Operation(summary = "The bot's threshold and whether it answers")
	Bot.Settings settings() {
		return bot.settings();
	}

	@PutMapping("/api/v1/bot/settings")
	@PreAuthorize("hasAuthority('kb.publish')")
	@Operation(summary = "Change the threshold (0.3–0.95) or switch the bot off")
	Bot.Settings configure(@RequestBody Settings settings, Actor actor) {
		Bot.Settings current = bot.settings();
		bot.configure(settings.threshold() == null ? current.threshold() : settings.threshold(),
				settings.enabled() == null ? current.enabled() : settings.enabled(), actor);
		return bot.settings();
	}

	@GetMapping("/api/v1/bot/learning")
	@PreAuthorize("hasAuthority('kb.edit')")
	@Operation(summary = "Open questions the bot could not answer well, similar ones grouped")
	List<LearningLoop.Group> learning(@RequestParam(defaultValue = "50") int limit) {
		return learning.groups(Math.max(1, Math.min(limit, 200)));
	}

	@GetMapping("/api/v1/bot/replay")
	@PreAuthorize("hasAuthority('kb.edit')")
	@Operation(summary = "What thresholds would have done on the last customer questions, with today's knowledge")
	List<LearningLoop.Replay> replay(@RequestParam(defaultValue = "0.5,0.55,0.6,0.65,0.7,0.75,0.8") List<Double> thresholds,
			@RequestParam(defaultValue = "500") int last) {
		return learning.replay(thresholds, last);
	}
}
