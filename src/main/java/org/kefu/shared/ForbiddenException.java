package org.kefu.shared;

/** The user may use this feature but not on this record, such as changing a shared text only its keepers change. */
public class ForbiddenException extends KefuException {

	public ForbiddenException(String code, Object... args) {
		super(code, args);
	}

	@Override
	public int status() {
		return 403;
	}
}
