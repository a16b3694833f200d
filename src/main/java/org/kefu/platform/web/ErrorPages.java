package org.kefu.platform.web;

import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kefu.platform.ProblemResponses;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that happen outside any controller (an unknown address, a filter's refusal): a problem
 * detail for the API, a page in the user's language for everyone else. Never a stack trace.
 */
@Controller
class ErrorPages implements ErrorController {

	private final ProblemResponses problems;
	private final MessageSource messages;

	ErrorPages(ProblemResponses problems, MessageSource messages) {
		this.problems = problems;
		this.messages = messages;
	}

	@RequestMapping("/error")
	Object error(HttpServletRequest request, HttpServletResponse response) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = code instanceof Integer i ? i : 500;
		String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		Locale locale = LocaleContextHolder.getLocale();
		if ((uri != null && uri.startsWith("/api/")) || acceptsJsonOnly(request)) {
			ProblemDetail problem = problems.problem(request, status, "api.http-" + status, null, locale);
			if (uri != null) {
				problem.setInstance(java.net.URI.create(uri));
			}
			return ResponseEntity.status(status).contentType(ProblemResponses.PROBLEM_JSON).body(problem);
		}
		ModelAndView page = new ModelAndView("error");
		page.setStatus(org.springframework.http.HttpStatusCode.valueOf(status));
		page.addObject("status", status);
		page.addObject("message", messages.getMessage(switch (status) {
			case 400 -> "error.bad-request";
			case 403 -> "error.forbidden";
			case 404 -> "error.not-found";
			case 405 -> "error.method-not-allowed";
			case 413 -> "error.upload-too-large";
			default -> "error.internal";
		}, null, locale));
		page.addObject("requestId", ProblemResponses.requestId(request));
		return page;
	}

	private static boolean acceptsJsonOnly(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains("json") && !accept.contains("html");
	}
}
