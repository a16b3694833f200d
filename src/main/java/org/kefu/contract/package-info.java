/**
 * The register of an account's contracts, agreements and quotes (R-ACC-4): validity, documents,
 * prices registered before use, and alerts to the account manager two months and one month
 * before expiry. Everything is seen through the account archive's confidentiality.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contract")
package org.kefu.contract;
