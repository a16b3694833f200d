package org.kefu.platform;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Builds RFC 9457 problem details in the caller's language, and writes them where no controller
 * is involved (filters, the error page).
 */
@Component
public class ProblemResponses {

	public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	private final MessageSource messages;
	private final JsonMapper json;

	ProblemResponses(MessageSource messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	/** A problem whose title and detail come from the message codes {@code <code>.title} and {@code <code>.detail}. */
	public ProblemDetail problem(HttpServletRequest request, int status, String code, Object[] args, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setType(URI.create("https://kefu.org/problems/" + code.replace('.', '-')));
		problem.setTitle(messages.getMessage(code + ".title", null, HttpStatus.valueOf(status).getReasonPhrase(),
				locale));
		String detail = messages.getMessage(code + ".detail", args, null, locale);
		if (detail != null) {
			problem.setDetail(detail);
		}
		if (request != null) {
			problem.setInstance(URI.create(request.getRequestURI()));
			problem.setProperty("requestId", requestId(request));
		}
		return problem;
	}

	/** The id of the request being served, as its log lines show it. */
	public static String requestId(HttpServletRequest request) {
		Object id = request.getAttribute("requestId");
		return id == null ? org.slf4j.MDC.get("requestId") : id.toString();
	}

	public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(PROBLEM_JSON.toString());
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getWriter(), problem);
	}
}
