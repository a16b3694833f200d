/**
 * Channels (R-CH-1, R-CH-5, R-CH-6): contacts arriving from integrations — call events from a
 * telephony system (CTI), messages from IM adapters (WeChat, Weibo, a marketplace IM) — resolved to
 * a customer through their identities and landed on the right ticket: the customer's open ticket
 * when they come back within the window, whichever channel, or a new one. Every contact is kept on
 * its ticket with its channel.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Channel")
package org.kefu.channel;
