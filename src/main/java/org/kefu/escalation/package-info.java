/**
 * Escalation ladders (R-TKT-5): a complaint, or a breached SLA, climbs configurable steps — team
 * lead, site supervisor, operations manager — each after a stretch of business time and each told
 * in the app, until the ticket is solved. Steps fall in the team's working hours unless a ladder is
 * set to run at night too; the timers live in the database and fire once (db-scheduler).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Escalation")
package org.kefu.escalation;
