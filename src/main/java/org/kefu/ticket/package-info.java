/**
 * Tickets (工单): every customer issue as one work order with its conversation, from new to
 * closed; business types; queues and search. Asks the customer module who a contact is and the
 * identity module who works here; knows nothing of the modules that listen to its events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ticket")
package org.kefu.ticket;
