package org.kefu.account;

/** What an account needs to be recorded. */
public record NewAccount(String name, String shortName, AccountKind kind, String industry, String note) {
}
