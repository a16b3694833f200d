/**
 * Contact classification (R-RT-1): which business type (and which team) an incoming contact is
 * about, predicted from its words by a model learned from resolved tickets and their final business
 * type, retrained by an administrator, its version recorded on every prediction. Below the
 * confidence threshold nothing is guessed: the contact waits in the triage queue for a person.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contact classification")
package org.kefu.classify;
