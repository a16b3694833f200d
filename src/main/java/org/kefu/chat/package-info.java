/**
 * Live chat (R-CH-2): the widget a site embeds with one script tag, the queue visitors wait in
 * (with their position and expected wait), agents taking chats up to their limit, messages both
 * ways over WebSocket that survive a dropped connection (client ids, acknowledgement, resend,
 * catch-up), the end of a chat by either side, and the offline form when nobody is there. Every
 * chat is on a ticket, found or opened through the channel intake, with its whole transcript.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Chat")
package org.kefu.chat;
