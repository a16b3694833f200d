package org.kefu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kefu.shared.Cursor;
import org.kefu.shared.InvalidInputException;

class CursorTest {

	@Test
	void aCursorComesBackAsItWentOut() {
		Cursor cursor = new Cursor("2026-11-24T02:00:00.123456Z", 4711);
		assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
	}

	@Test
	void aTamperedCursorIsBadInputNotAServerError() {
		assertThatThrownBy(() -> Cursor.decode("not-a-cursor!")).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> Cursor.decode("bm8tYmFy")).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void anyChineseIsSimplifiedChineseAndAnythingElseEnglish() {
		assertThat(Locales.parse("zh-TW")).isEqualTo(Locales.CHINESE);
		assertThat(Locales.parse("zh")).isEqualTo(Locales.CHINESE);
		assertThat(Locales.parse("en-GB")).isEqualTo(Locales.ENGLISH);
		assertThat(Locales.parse("fr")).isNull();
	}
}
