package org.kefu.ticket;

/** A ticket's identity, as other modules refer to it. */
public record TicketId(long value) {
}
