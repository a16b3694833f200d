/**
 * Email (R-CH-3): mailboxes an administrator connects over IMAP and SMTP. Mail is fetched, decoded
 * whatever its charset, sanitised, threaded onto the ticket it answers (Message-ID, In-Reply-To,
 * References, then the ticket number in the subject) and landed through the channel intake so a
 * returning customer continues their open ticket. Agents' replies leave through a durable outbox.
 * Auto-replies and loops are recognised and never answered; bounces are recorded on the customer.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
package org.kefu.mail;
