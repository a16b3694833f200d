/**
 * Live updates to people's screens over WebSocket (STOMP): a ringing call pops on the agent's
 * screen without a reload. One endpoint, {@code /live}, same origin only, for signed-in users;
 * each user receives only their own messages ({@code /user/queue/live}). An in-memory broker on
 * one node; a broker relay joins nodes when Kefu scales out.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Live")
package org.kefu.live;
