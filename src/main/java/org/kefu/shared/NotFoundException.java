package org.kefu.shared;

/** The record asked for does not exist, or the user may not know that it does. */
public class NotFoundException extends KefuException {

	public NotFoundException(String code, Object... args) {
		super(code, args);
	}

	@Override
	public int status() {
		return 404;
	}
}
