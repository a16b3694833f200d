/**
 * Shift schedules (R-WFM-3): shift patterns (early, middle, late, night, split, flexible), a
 * schedule for a team over days built against the agents a forecast requires, solved in the
 * background with Timefold under labour rules (rest between shifts, days in a row, weekly hours,
 * breaks inside shifts, approved leave), fairness and wishes; pinned shifts kept on re-solving;
 * every broken rule explained; published to the agents, who see their own shifts.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shift schedules")
package org.kefu.schedule;
