package org.kefu.e2e;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.kefu.support.Fixtures;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test shares: Debian's Chromium, a fresh page per test in a given language,
 * signing in, screenshots, and the console errors the page logged (a test asserts there are none).
 */
abstract class BrowserTest {

	static Playwright playwright;
	static Browser browser;

	@LocalServerPort
	int port;

	BrowserContext context;
	Page page;
	final List<String> consoleErrors = new ArrayList<>();

	/** The language the page asks for, e.g. {@code en-US}. */
	abstract String locale();

	@BeforeAll
	static void startBrowser() {
		playwright = Playwright.create();
		browser = Chromium.launch(playwright);
	}

	@AfterAll
	static void stopBrowser() {
		if (playwright != null) {
			playwright.close();
		}
	}

	@BeforeEach
	void openPage() {
		context = browser.newContext(new Browser.NewContextOptions().setLocale(locale()).setViewportSize(1280, 880));
		page = context.newPage();
		page.onConsoleMessage(m -> {
			if ("error".equals(m.type())) {
				consoleErrors.add(m.text());
			}
		});
	}

	@AfterEach
	void closePage() {
		context.close();
	}

	String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	void signIn(String username) {
		page.navigate(url("/login"));
		page.locator("#username").fill(username);
		page.locator("#password").fill(Fixtures.PASSWORD);
		page.locator("button[type=submit]").click();
	}

	void screenshot(String name) {
		page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
	}
}
