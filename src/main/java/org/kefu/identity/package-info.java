/**
 * Who works in the center and what each may do: users, teams by service stage, roles as sets of
 * permissions, skills with levels, sign-in and personal API tokens. Every other module asks it who
 * the current user is; it depends on the shared kernel and the platform only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package org.kefu.identity;
