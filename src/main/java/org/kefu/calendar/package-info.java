/**
 * Business calendars (工作日历, R-RT-3): when a team works — several intervals a day, a time zone,
 * public holidays and make-up working days (调休) — and the business-time arithmetic that SLA
 * clocks, escalations and notifications are measured in. Ships the mainland China calendar;
 * administrators edit it and import others from iCalendar files.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Calendar")
package org.kefu.calendar;
