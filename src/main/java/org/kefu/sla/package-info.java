/**
 * Service-level agreements (R-RT-4): policies chosen by channel, business type, priority and
 * customer grade set first-response, next-response and resolution targets in business time; each
 * ticket's clocks start, pause while it waits on the customer, stop when met, and warn before and
 * record a breach after their deadline — timers kept in the database, fired once in a cluster.
 */
@org.springframework.modulith.ApplicationModule(displayName = "SLA")
package org.kefu.sla;
