/**
 * Customer tags computed by rules from history — complained twice in 90 days, returns over 30 %
 * of contacts, contact at a key account — kept true every night and on demand; and segments, saved
 * customer filters by query and tags, that lists, exports and later routing and reports use
 * (R-ACC-8).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Segment")
package org.kefu.segment;
