package org.kefu.shared;

/** The request is well formed but the record's state does not allow it, such as replying to a closed ticket's merge. */
public class ConflictException extends KefuException {

	public ConflictException(String code, Object... args) {
		super(code, args);
	}

	@Override
	public int status() {
		return 409;
	}
}
