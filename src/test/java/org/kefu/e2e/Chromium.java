package org.kefu.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright. Playwright's own browser download cannot work on these
 * machines, so the system browser is used; without it the browser tests fail, they do not skip.
 */
final class Chromium {

	static final Path BINARY = Path.of(System.getenv().getOrDefault("KEFU_CHROMIUM", "/usr/bin/chromium"));
	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private Chromium() {
	}

	static Browser launch(Playwright playwright) {
		if (!Files.isExecutable(BINARY)) {
			throw new IllegalStateException("Chromium is not installed at " + BINARY
					+ ": install Debian's chromium (apt-get install chromium fonts-wqy-zenhei) or set KEFU_CHROMIUM");
		}
		return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(BINARY)
			.setHeadless(true)
			.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")));
	}
}
