/**
 * Notices by mail (issue 5, part 8): assignments, mentions, SLA warnings, escalations and rule
 * notices reach colleagues who have an email address — from the center's own mailbox, in the
 * reader's language, and in their working hours: outside them a mail waits for the reader's next
 * working moment (their team's business calendar), unless it is urgent at any hour (an escalation
 * ladder set to run at night).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notice mail")
package org.kefu.noticemail;
