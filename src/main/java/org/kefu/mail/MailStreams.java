package org.kefu.mail;

/**
 * Jakarta Mail finds its stream provider anew, with a ServiceLoader scan of the whole class path,
 * each time it reads headers or content: in a packaged Kefu that scan was most of the cost of
 * reading a mail. Naming the provider once makes the lookup a loaded class.
 */
final class MailStreams {

	private static final String PROVIDER = "jakarta.mail.util.StreamProvider";

	private MailStreams() {
	}

	static void named() {
		if (System.getProperty(PROVIDER) == null) {
			System.setProperty(PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}
}
