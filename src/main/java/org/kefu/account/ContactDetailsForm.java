package org.kefu.account;

/** A contact person at an account, as entered. */
public record ContactDetailsForm(String name, String role, String phone, String email) {
}
