/**
 * Workforce planning (R-WFM-1, R-WFM-2): contact history per queue and interval (collected from
 * Kefu's own contacts or imported), forecasts a planner can read (weekday pattern × recent level,
 * intraday profiles, known events), and staffing from a forecast with Erlang C and Erlang A,
 * occupancy caps, shrinkage and chat concurrency.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workforce planning")
package org.kefu.workforce;
