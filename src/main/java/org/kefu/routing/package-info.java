/**
 * Routing (R-RT-2, R-TKT-4): every unassigned ticket waits as a work item and is offered to one
 * available agent with the skills it needs and room under their capacity for its channel — best
 * customers first, then the most urgent, then the longest waiting; least loaded, then longest idle
 * among equals; the owner of the customer's open issue first for a while. Each offer records why
 * that agent; offers time out and move on. An item is never offered to two agents and an agent is
 * never filled past capacity, however many Kefu processes share the database.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Routing")
package org.kefu.routing;
