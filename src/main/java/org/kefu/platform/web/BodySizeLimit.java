package org.kefu.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.kefu.platform.KefuProperties;
import org.kefu.platform.Locales;
import org.kefu.platform.ProblemResponses;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API bodies larger than {@code kefu.api.max-body-size} with 413, whether the caller
 * announces the length or streams it. Uploads and raw mail ({@code message/rfc822}) have their own,
 * larger limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimit extends OncePerRequestFilter {

	private static final String LIMIT = BodySizeLimit.class.getName() + ".limit";

	private final long limit;
	private final ProblemResponses problems;

	BodySizeLimit(KefuProperties properties, ProblemResponses problems) {
		this.limit = properties.api().maxBodySize().toBytes();
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String type = request.getContentType();
		return !request.getRequestURI().startsWith("/api/")
				|| (type != null && (type.toLowerCase().startsWith("multipart/")
						|| type.toLowerCase().startsWith("message/rfc822")));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.setAttribute(LIMIT, limit);
		if (request.getContentLengthLong() > limit) {
			problems.write(request, response, problems.problem(request, 413, "api.body-too-large",
					new Object[] { limit }, Locales.fromRequest(request)));
			return;
		}
		chain.doFilter(new Limited(request, limit), response);
	}

	static boolean isTooLarge(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof BodyTooLarge) {
				return true;
			}
		}
		return false;
	}

	static boolean causedBySize(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			String name = t.getClass().getSimpleName();
			if (name.contains("SizeLimitExceeded") || name.contains("SizeException")) {
				return true;
			}
		}
		return false;
	}

	static Object limitOf(HttpServletRequest request) {
		return request.getAttribute(LIMIT);
	}

	static final class BodyTooLarge extends IOException {

		BodyTooLarge(long limit) {
			super("Request body larger than " + limit + " bytes");
		}
	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;
		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				ServletInputStream in = super.getInputStream();
				stream = new ServletInputStream() {

					private long read;

					@Override
					public int read() throws IOException {
						int b = in.read();
						if (b >= 0) {
							count(1);
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = in.read(buffer, offset, length);
						if (n > 0) {
							count(n);
						}
						return n;
					}

					private void count(int n) throws IOException {
						read += n;
						if (read > limit) {
							throw new BodyTooLarge(limit);
						}
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
					}
				};
			}
			return stream;
		}
	}
}
