/**
 * The shared kernel: small values every module speaks in (who acted, what changed, why a request
 * was refused). It holds no state and no beans.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel")
package org.kefu.shared;
