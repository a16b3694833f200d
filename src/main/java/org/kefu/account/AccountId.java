package org.kefu.account;

/** A business account's identity, as other modules refer to it. */
public record AccountId(long value) {
}
