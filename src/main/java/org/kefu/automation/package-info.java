/**
 * Automation (R-RT-5) and macros (R-TKT-6): rules an administrator writes and reads in plain
 * language — when a ticket is created, updated or replied to, or an SLA warns or breaches; when it
 * has sat in a status for so many hours; or when an agent applies a macro — with conditions on the
 * ticket and actions on it (set, assign, tag, notify, reply from a template, call a webhook). A rule
 * can be tried on a past ticket before it is switched on; everything it does is in the ticket's
 * history under its name; a chain of rules that would go round is stopped and recorded.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Automation")
package org.kefu.automation;
