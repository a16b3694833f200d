package org.kefu.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of a keyset-paginated list ended: the sort value and id of its last row, opaque to
 * clients. A cursor that was tampered with is refused as bad input, not a server error.
 */
public record Cursor(String value, long id) {

	public String encode() {
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString((value + "|" + id).getBytes(StandardCharsets.UTF_8));
	}

	public static Cursor decode(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			int bar = text.lastIndexOf('|');
			if (bar < 0) {
				throw new IllegalArgumentException(cursor);
			}
			return new Cursor(text.substring(0, bar), Long.parseLong(text.substring(bar + 1)));
		}
		catch (RuntimeException e) {
			throw new InvalidInputException("api.cursor-invalid");
		}
	}
}
