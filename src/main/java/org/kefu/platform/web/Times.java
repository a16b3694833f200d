package org.kefu.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times as people read them on pages: in the center's time zone, and for recent ones, how long
 * ago ("3 分钟前", "3 min ago"). Templates use it as {@code @times}.
 */
@Component("times")
class Times {

	private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final ZoneId zone;
	private final Clock clock;
	private final MessageSource messages;

	Times(@Value("${kefu.time-zone:Asia/Shanghai}") String zone, Clock clock, MessageSource messages) {
		this.zone = ZoneId.of(zone);
		this.clock = clock;
		this.messages = messages;
	}

	public String format(Instant instant) {
		return instant == null ? "" : FULL.format(instant.atZone(zone));
	}

	public String iso(Instant instant) {
		return instant == null ? "" : instant.toString();
	}

	public String ago(Instant instant) {
		if (instant == null) {
			return "";
		}
		Duration d = Duration.between(instant, clock.instant());
		Locale locale = LocaleContextHolder.getLocale();
		if (d.isNegative() || d.toMinutes() < 1) {
			return messages.getMessage("time.just-now", null, locale);
		}
		if (d.toHours() < 1) {
			return messages.getMessage("time.minutes-ago", new Object[] { d.toMinutes() }, locale);
		}
		if (d.toDays() < 1) {
			return messages.getMessage("time.hours-ago", new Object[] { d.toHours() }, locale);
		}
		if (d.toDays() < 7) {
			return messages.getMessage("time.days-ago", new Object[] { d.toDays() }, locale);
		}
		return format(instant);
	}

	public String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return String.format("%.1f KB", bytes / 1024.0);
		}
		return String.format("%.1f MB", bytes / (1024.0 * 1024));
	}
}
