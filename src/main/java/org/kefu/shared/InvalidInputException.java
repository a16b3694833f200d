package org.kefu.shared;

/** The input breaks a rule: a value that is not allowed, a field that is missing. */
public class InvalidInputException extends KefuException {

	public InvalidInputException(String code, Object... args) {
		super(code, args);
	}

	@Override
	public int status() {
		return 400;
	}
}
