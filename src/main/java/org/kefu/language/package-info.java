/**
 * Understanding short customer texts, offline and in-process: sentence embeddings from a small
 * Chinese-first model shipped inside the application (no download at run time), words and
 * character n-grams for mixed Chinese/English text, a linear classifier with probabilities, and
 * the matcher the bot uses to find a known question (meaning and words combined). It depends on
 * no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Language")
package org.kefu.language;
