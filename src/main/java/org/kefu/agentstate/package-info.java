/**
 * Agent states (R-WFM-4): online, busy, on a break (with its reason), after-call work, offline;
 * set by the agent and by Kefu (a call answered, a call ended, back from after-call work), each
 * change kept with its time, for routing now and adherence later.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agent states")
package org.kefu.agentstate;
