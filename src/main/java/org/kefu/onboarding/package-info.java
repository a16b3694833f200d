/**
 * New-business onboarding (R-ACC-5, seed 002 §4.1): the launch checklist of a new account or an
 * approved business line — launch notice to operations, written operating requirements, training
 * with a recorded test, close follow-up with dated notes for at least one month (three for key
 * accounts) — and the hand-over to operations, refused until all of it is done.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Onboarding")
package org.kefu.onboarding;
