package org.kefu.account.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.kefu.account.AccountView;

/**
 * Accounts as a CSV file (UTF-8 with a byte order mark, so that Excel opens Chinese text right),
 * one line per account, contacts and addresses joined: exactly what the viewer may see, masking
 * included.
 */
final class AccountExports {

	private AccountExports() {
	}

	static void csv(List<AccountView> accounts, OutputStream out) {
		try {
			out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
			CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.DEFAULT.builder()
				.setHeader("id", "name", "short_name", "kind", "industry", "status", "tier", "key_account", "managers",
						"contacts", "addresses")
				.get());
			for (AccountView a : accounts) {
				csv.printRecord(a.id().value(), a.name(), a.shortName(), a.kind().code(), a.industry(), a.status(),
						a.tier(), a.keyAccount(),
						a.managers().stream().map(m -> m.displayName() + " (" + m.role() + ")").collect(Collectors.joining("; ")),
						a.contacts().stream().filter(AccountView.Contact::active)
							.map(c -> c.name() + (c.role() == null ? "" : " " + c.role()) + (c.phone() == null ? "" : " " + c.phone())
									+ (c.email() == null ? "" : " " + c.email()))
							.collect(Collectors.joining("; ")),
						a.addresses().stream().filter(AccountView.Address::active)
							.map(x -> x.party() + ": " + x.name() + ", " + x.address()).collect(Collectors.joining("; ")));
			}
			csv.flush();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
