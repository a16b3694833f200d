package org.kefu.platform;

import java.util.Locale;

import org.kefu.shared.KefuException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** A refusal's reason in the user's language, for pages that show it beside the form. */
@Component
public class Messages {

	private final MessageSource messages;

	Messages(MessageSource messages) {
		this.messages = messages;
	}

	public String text(KefuException e) {
		Locale locale = LocaleContextHolder.getLocale();
		return messages.getMessage(e.code() + ".detail", e.args(),
				messages.getMessage(e.code() + ".title", null, e.code(), locale), locale);
	}

	public String text(String code, Object... args) {
		return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
	}
}
