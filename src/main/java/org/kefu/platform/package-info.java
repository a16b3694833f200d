/**
 * What every module stands on and nothing of the business: the database (embedded or a server),
 * request ids, problem details for refused requests, body size limits and idempotent API calls.
 * It depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.kefu.platform;
