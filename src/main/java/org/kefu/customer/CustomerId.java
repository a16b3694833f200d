package org.kefu.customer;

/** A customer's identity, as other modules refer to them. */
public record CustomerId(long value) {
}
