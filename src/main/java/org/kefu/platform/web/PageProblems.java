package org.kefu.platform.web;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kefu.platform.Htmx;
import org.kefu.shared.KefuException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What a page does when a request is refused: the user stays where they were and reads why, in
 * their language. A refused htmx request shows a notice without replacing anything.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblems {

	private static final Logger log = LoggerFactory.getLogger(PageProblems.class);

	private final MessageSource messages;

	PageProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(KefuException.class)
	ModelAndView refused(KefuException e, HttpServletRequest request, HttpServletResponse response) {
		Locale locale = LocaleContextHolder.getLocale();
		String text = messages.getMessage(e.code() + ".detail", e.args(),
				messages.getMessage(e.code() + ".title", null, e.code(), locale), locale);
		if (e.status() == 404 && !"POST".equals(request.getMethod())) {
			return errorPage(response, 404, text);
		}
		return stayWithNotice(request, response, text, e.status());
	}

	@ExceptionHandler(ObjectOptimisticLockingFailureException.class)
	ModelAndView concurrent(HttpServletRequest request, HttpServletResponse response) {
		return stayWithNotice(request, response, message("error.concurrent-change"), 409);
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ModelAndView tooLarge(HttpServletRequest request, HttpServletResponse response) {
		return stayWithNotice(request, response, message("error.upload-too-large"), 413);
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	ModelAndView badRequest(HttpServletResponse response) {
		return errorPage(response, 400, message("error.bad-request"));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ModelAndView denied(HttpServletResponse response) {
		return errorPage(response, 403, message("error.forbidden"));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ModelAndView notFound(HttpServletResponse response) {
		return errorPage(response, 404, message("error.not-found"));
	}

	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
		log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
		ModelAndView page = errorPage(response, 500, message("error.internal"));
		page.addObject("requestId", org.kefu.platform.ProblemResponses.requestId(request));
		return page;
	}

	private ModelAndView stayWithNotice(HttpServletRequest request, HttpServletResponse response, String text,
			int status) {
		if (Htmx.isRequest(request)) {
			response.setHeader("HX-Reswap", "none");
			Htmx.trigger(response, "kefu:error", text);
			return new ModelAndView("fragments :: empty");
		}
		String back = sameSiteReferer(request);
		if (back == null || !"POST".equals(request.getMethod())) {
			return errorPage(response, status, text);
		}
		FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
		flash.put("error", text);
		RequestContextUtils.saveOutputFlashMap(back, request, response);
		return new ModelAndView("redirect:" + back);
	}

	private ModelAndView errorPage(HttpServletResponse response, int status, String text) {
		response.setStatus(status);
		ModelAndView page = new ModelAndView("error");
		page.addObject("status", status);
		page.addObject("message", text);
		return page;
	}

	private String message(String code) {
		return messages.getMessage(code, null, code, LocaleContextHolder.getLocale());
	}

	/** The page the user came from, if it is one of ours: never redirect to another site. */
	static String sameSiteReferer(HttpServletRequest request) {
		String referer = request.getHeader("Referer");
		if (referer == null) {
			return null;
		}
		try {
			URI uri = URI.create(referer);
			if (uri.getHost() != null && !uri.getHost().equalsIgnoreCase(request.getServerName())) {
				return null;
			}
			String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
			return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}
