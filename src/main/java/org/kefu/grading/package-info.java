/**
 * Account grading (R-ACC-2, seed 002 §5.2): business accounts graded 1 to 4 every quarter by
 * revenue, gross margin, operational difficulty, staff tied up and payment punctuality, with
 * weights an administrator sets; every grade kept with its reasons; grades 1 and 2 are key
 * accounts, and each grade has a service policy that SLAs and routing read.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Grading")
package org.kefu.grading;
