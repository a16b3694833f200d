package org.kefu.customer;

/** An identity to give a customer: its type and the value as written. */
public record NewIdentity(IdentityType type, String value) {
}
