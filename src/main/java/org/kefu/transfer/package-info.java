/**
 * Moving customers and accounts in and out: imports from CSV (UTF-8 or GBK, as Excel saves it in
 * China) and Excel with a preview, per-row errors and progress, worked in the background and
 * resumed after a restart without doing a row twice; exports as CSV and Excel that show exactly
 * what the exporter may see, masking and account scoping included, and are audited.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Import and export")
package org.kefu.transfer;
