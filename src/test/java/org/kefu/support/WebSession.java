package org.kefu.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in browser session over real HTTP, without a browser: for what only the real server
 * does (error pages rendered by the servlet container's error dispatch).
 */
public final class WebSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"|name=\"_csrf\" value=\"([^\"]+)\"");

	private final String base;
	private final String language;
	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER).build();

	private WebSession(int port, String language) {
		this.base = "http://127.0.0.1:" + port;
		this.language = language;
	}

	public static WebSession signIn(int port, String username, String password, String language) {
		WebSession session = new WebSession(port, language);
		String page = session.get("/login").body();
		Matcher m = CSRF.matcher(page);
		if (!m.find()) {
			throw new IllegalStateException("No CSRF token on the login page");
		}
		String token = m.group(1) != null ? m.group(1) : m.group(2);
		String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token);
		HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(session.base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException("Sign-in failed: " + login.statusCode());
		}
		return session;
	}

	/** A visitor who has not signed in, as on the public web forms. */
	public static WebSession anonymous(int port, String language) {
		return new WebSession(port, language);
	}

	/** Opens a page and submits a form on it with its CSRF token, as the browser would. */
	public HttpResponse<String> submit(String page, String action, java.util.Map<String, String> fields) {
		Matcher m = CSRF.matcher(get(page).body());
		if (!m.find()) {
			throw new IllegalStateException("No CSRF token on " + page);
		}
		StringBuilder form = new StringBuilder("_csrf=" + enc(m.group(1) != null ? m.group(1) : m.group(2)));
		fields.forEach((k, v) -> form.append('&').append(enc(k)).append('=').append(enc(v)));
		return send(HttpRequest.newBuilder(URI.create(base + action))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.toString())));
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.header("Accept-Language", language).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
