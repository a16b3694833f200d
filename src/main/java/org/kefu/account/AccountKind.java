package org.kefu.account;

/** Whether the account ships goods with us (发货客户), receives them (收货客户), or both. */
public enum AccountKind {

	SHIPPER, CONSIGNEE, BOTH;

	public String code() {
		return name().toLowerCase();
	}

	public static AccountKind ofCode(String code) {
		return valueOf(code.toUpperCase());
	}
}
