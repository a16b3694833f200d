package org.kefu.customer;

import java.time.Instant;

/** A customer as pages and the API show them. */
public record CustomerView(CustomerId id, String name, String email, String phone, Instant createdAt) {
}
