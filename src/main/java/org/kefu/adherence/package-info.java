/**
 * Adherence (R-WFM-4): each agent's published shift against what they actually did (their agent
 * states), live and per day — in adherence or not, late log-ins, early leaves, long breaks — and
 * the notes one shift leaves for the next (交接班).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Adherence")
package org.kefu.adherence;
