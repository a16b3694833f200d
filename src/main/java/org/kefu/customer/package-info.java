/**
 * The people the center serves: their name and how to reach them, found again by their email or
 * phone whichever way they come back. A later stage grows this into the full customer archive.
 * Depends on the shared kernel and the platform only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customer")
package org.kefu.customer;
