package org.kefu.ticket;

/**
 * Where a message landed: on the ticket it was meant for, on the ticket a merged one carries on
 * in, or on a new follow-up when the customer wrote to a closed ticket.
 */
public record ReplyOutcome(TicketId ticket, long number, long message, boolean followUp) {
}
