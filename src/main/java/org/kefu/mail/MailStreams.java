package org.kefu.mail;

import java.util.Properties;

import jakarta.mail.Session;

/**
 * How Kefu sets Jakarta Mail up. Jakarta Mail finds its stream provider anew, with a ServiceLoader
 * scan of the whole class path, each time it reads headers or content: in a packaged Kefu that scan
 * was most of the cost of reading a mail. Naming the provider once makes the lookup a loaded class.
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

	/** The session mail is read with: as lenient as real-world mail needs. */
	static Session lenientSession() {
		named();
		Properties props = new Properties();
		props.put("mail.mime.address.strict", "false");
		props.put("mail.mime.decodeparameters", "true");
		props.put("mail.mime.parameters.strict", "false");
		props.put("mail.mime.multipart.ignoremissingendboundary", "true");
		props.put("mail.mime.multipart.ignoremissingboundaryparameter", "true");
		props.put("mail.mime.multipart.allowempty", "true");
		props.put("mail.mime.base64.ignoreerrors", "true");
		props.put("mail.mime.uudecode.ignoreerrors", "true");
		props.put("mail.mime.ignoreunknownencoding", "true");
		return Session.getInstance(props);
	}
}
