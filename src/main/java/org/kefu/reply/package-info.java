/**
 * Saved replies (常用回复, R-TKT-6): texts agents insert into a chat or a ticket reply, shared or
 * their own, with variables filled from the ticket they are used on.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Saved replies")
package org.kefu.reply;
