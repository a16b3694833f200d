package org.kefu.customer;

/** What a contact tells of who they are: a name, and an email address or phone number or both. */
public record ContactDetails(String name, String email, String phone) {
}
