/**
 * Growth of existing accounts (R-ACC-3, seed 002 §5.3): new business lines registered with the
 * account and approved, monthly revenue of existing and new business, and each account manager's
 * growth target with progress. Business started in the last two months of a year counts towards
 * the next year's target, as the seed allows.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Growth")
package org.kefu.growth;
