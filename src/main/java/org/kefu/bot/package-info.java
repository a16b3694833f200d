/**
 * The bot (R-KB-3), agent assist (R-KB-4) and the learning loop (R-KB-5): a question is matched
 * against the live articles' titles and phrasings by meaning and words together; the bot answers
 * only above a confidence threshold, otherwise says so and offers a person, and hands the
 * conversation and its best guesses over with the chat. Every question is kept so that knowledge
 * owners see what the bot could not answer, grouped, and can try a threshold on past questions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bot and agent assist")
package org.kefu.bot;
