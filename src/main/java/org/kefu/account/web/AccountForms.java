package org.kefu.account.web;

import java.util.Arrays;

import org.kefu.account.AccountKind;
import org.kefu.shared.InvalidInputException;

/** Reading what people and programs send about accounts. */
final class AccountForms {

	private AccountForms() {
	}

	static AccountKind kind(String code) {
		if (code == null || code.isBlank()) {
			return null;
		}
		try {
			return AccountKind.ofCode(code.strip());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("api.invalid-value", "kind", code,
					String.join(", ", Arrays.stream(AccountKind.values()).map(AccountKind::code).toList()))
				.with("allowed", Arrays.stream(AccountKind.values()).map(AccountKind::code).toList());
		}
	}

	static Integer tier(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			int tier = Integer.parseInt(value.strip());
			if (tier >= 1 && tier <= 4) {
				return tier;
			}
		}
		catch (NumberFormatException e) {
			// refused below
		}
		throw new InvalidInputException("api.invalid-value", "tier", value, "1, 2, 3, 4");
	}
}
