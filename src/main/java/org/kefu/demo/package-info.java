/**
 * A believable Chinese e-commerce service center to try Kefu with: teams by stage, about twenty
 * agents, a few hundred customers and a thousand tickets with their history, written through the
 * modules' own operations. Loaded on an empty database when {@code KEFU_DEMO_DATA=true}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package org.kefu.demo;
