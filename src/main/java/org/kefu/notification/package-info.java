/**
 * Notices for the people who work in the center, shown in the app (a bell in the top bar and a
 * list): an account's contacts changed, a contract is about to expire. Any module sends them;
 * depends on the platform only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification")
package org.kefu.notification;
