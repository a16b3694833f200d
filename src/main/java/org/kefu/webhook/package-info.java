/**
 * Outbound webhooks: other systems subscribe to Kefu's events (such as an account's contacts
 * changing) and receive them as signed JSON posts, kept and retried until delivered. Depends on
 * the platform only; modules publish through {@link org.kefu.webhook.Webhooks}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhook")
package org.kefu.webhook;
