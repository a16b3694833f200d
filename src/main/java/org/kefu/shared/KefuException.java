package org.kefu.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request Kefu refuses for a reason the user can act on. The reason is a message code, resolved
 * in the user's language where it is shown (a page, or a problem detail in the API); extra
 * properties tell a program what is allowed instead.
 */
public abstract class KefuException extends RuntimeException {

	private final String code;
	private final transient Object[] args;
	private final Map<String, Object> properties = new LinkedHashMap<>();

	protected KefuException(String code, Object... args) {
		super(code);
		this.code = code;
		this.args = args == null ? new Object[0] : args.clone();
	}

	/** The HTTP status this refusal answers with. */
	public abstract int status();

	/** The message code of the refusal: its title is {@code <code>.title}, its detail {@code <code>.detail}. */
	public String code() {
		return code;
	}

	public Object[] args() {
		return args.clone();
	}

	public KefuException with(String property, Object value) {
		properties.put(property, value);
		return this;
	}

	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(properties);
	}
}
