/**
 * The knowledge base (R-KB-1, R-KB-2): articles and FAQs in Chinese and English, in categories,
 * written as drafts, reviewed by someone else before they go live, every edit a version with a
 * diff; public or internal; owned, with review dates, files and images, sanitised HTML. Search
 * understands Chinese and English words, typos in English and the synonyms an administrator
 * keeps. The help center shows the public articles. Each live article's title and phrasings are
 * embedded for the bot.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Knowledge base")
package org.kefu.knowledge;
