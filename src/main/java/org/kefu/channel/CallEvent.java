package org.kefu.channel;

import java.time.Instant;

/**
 * What a telephony system tells Kefu about a call.
 *
 * @param callId the telephony system's id of the call, the same in all its events
 * @param event {@code ringing}, {@code answered}, {@code transferred}, {@code ivr}, {@code ended}
 *        or {@code abandoned}
 * @param from the caller's number
 * @param to the number called
 * @param agent the Kefu username of the agent the call rings at, is answered or transferred to
 * @param at when it happened (defaults to when Kefu received it)
 * @param ivr the caller's IVR choice, on {@code ivr}
 * @param recording a reference to the recording, on {@code ended}
 * @param ticket the number of a ticket the agent chose for the call, on {@code answered}
 */
public record CallEvent(String callId, String event, String from, String to, String agent, Instant at, String ivr,
		String recording, Long ticket) {
}
