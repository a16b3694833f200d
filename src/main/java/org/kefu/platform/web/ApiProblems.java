package org.kefu.platform.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.kefu.platform.ProblemResponses;
import org.kefu.shared.KefuException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every refusal of an API call into an RFC 9457 problem detail that says what was wrong and
 * what is allowed, in the caller's language. A user's mistake never becomes a 500 or a stack trace.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	private final ProblemResponses problems;

	ApiProblems(ProblemResponses problems) {
		this.problems = problems;
	}

	@ExceptionHandler(KefuException.class)
	ResponseEntity<ProblemDetail> refused(KefuException e, HttpServletRequest request) {
		ProblemDetail problem = problem(request, e.status(), e.code(), e.args());
		e.properties().forEach(problem::setProperty);
		return respond(problem);
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (FieldError error : e.getBindingResult().getFieldErrors()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("field", error.getField());
			entry.put("message", error.getDefaultMessage());
			errors.add(entry);
		}
		e.getBindingResult().getGlobalErrors()
			.forEach(error -> errors.add(Map.of("field", error.getObjectName(), "message", error.getDefaultMessage())));
		String fields = errors.stream().map(m -> m.get("field") + ": " + m.get("message"))
			.collect(Collectors.joining("; "));
		ProblemDetail problem = problem(request, 400, "api.invalid-fields", new Object[] { fields });
		problem.setProperty("errors", errors);
		return respond(problem);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
		String fields = e.getParameterValidationResults().stream()
			.map(r -> r.getMethodParameter().getParameterName() + ": "
					+ r.getResolvableErrors().stream().map(m -> m.getDefaultMessage()).collect(Collectors.joining(", ")))
			.collect(Collectors.joining("; "));
		return respond(problem(request, 400, "api.invalid-fields", new Object[] { fields }));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> invalidConstraints(ConstraintViolationException e, HttpServletRequest request) {
		String fields = e.getConstraintViolations().stream()
			.map(v -> v.getPropertyPath() + ": " + v.getMessage())
			.collect(Collectors.joining("; "));
		return respond(problem(request, 400, "api.invalid-fields", new Object[] { fields }));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
		if (BodySizeLimit.isTooLarge(e)) {
			return respond(problem(request, 413, "api.body-too-large", new Object[] { BodySizeLimit.limitOf(request) }));
		}
		Throwable cause = e.getCause();
		if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
				&& invalid.getTargetType().isEnum()) {
			String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
				.map(c -> c.toString().toLowerCase())
				.collect(Collectors.joining(", "));
			ProblemDetail problem = problem(request, 400, "api.invalid-value",
					new Object[] { path(invalid), String.valueOf(invalid.getValue()), allowed });
			problem.setProperty("field", path(invalid));
			problem.setProperty("allowed", allowed.split(", "));
			return respond(problem);
		}
		if (cause instanceof MismatchedInputException mismatched) {
			return respond(problem(request, 400, "api.wrong-type", new Object[] { path(mismatched) }));
		}
		if (cause instanceof JacksonException jackson) {
			return respond(problem(request, 400, "api.malformed-json", new Object[] { jackson.getOriginalMessage() }));
		}
		return respond(problem(request, 400, "api.missing-body", null));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
		Class<?> type = e.getRequiredType();
		if (type != null && type.isEnum()) {
			String allowed = Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase())
				.collect(Collectors.joining(", "));
			return respond(problem(request, 400, "api.invalid-value",
					new Object[] { e.getName(), String.valueOf(e.getValue()), allowed }));
		}
		return respond(problem(request, 400, "api.invalid-parameter",
				new Object[] { e.getName(), String.valueOf(e.getValue()) }));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e,
			HttpServletRequest request) {
		return respond(problem(request, 400, "api.missing-parameter", new Object[] { e.getParameterName() }));
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
		return respond(problem(request, 400, "api.missing-header", new Object[] { e.getHeaderName() }));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
		String allowed = e.getSupportedHttpMethods() == null ? ""
				: e.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "));
		ResponseEntity<ProblemDetail> response = respond(
				problem(request, 405, "api.method-not-allowed", new Object[] { e.getMethod(), allowed }));
		return ResponseEntity.status(405).header(HttpHeaders.ALLOW, allowed)
			.contentType(ProblemResponses.PROBLEM_JSON)
			.body(response.getBody());
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
		return respond(problem(request, 415, "api.unsupported-media-type",
				new Object[] { String.valueOf(e.getContentType()) }));
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
		return respond(problem(request, 413, "api.upload-too-large", null));
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> multipart(MultipartException e, HttpServletRequest request) {
		if (BodySizeLimit.causedBySize(e)) {
			return respond(problem(request, 413, "api.upload-too-large", null));
		}
		return respond(problem(request, 400, "api.malformed-multipart", null));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
		return respond(problem(request, 403, "api.forbidden", null));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException e, HttpServletRequest request) {
		return respond(problem(request, 404, "api.no-such-path", new Object[] { request.getRequestURI() }));
	}

	@ExceptionHandler(ObjectOptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> concurrent(ObjectOptimisticLockingFailureException e, HttpServletRequest request) {
		return respond(problem(request, 409, "api.concurrent-change", null));
	}

	@ExceptionHandler(DatabindException.class)
	ResponseEntity<ProblemDetail> databind(DatabindException e, HttpServletRequest request) {
		return respond(problem(request, 400, "api.malformed-json", new Object[] { e.getOriginalMessage() }));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
		log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
		return respond(problem(request, 500, "api.internal-error", new Object[] { ProblemResponses.requestId(request) }));
	}

	private ProblemDetail problem(HttpServletRequest request, int status, String code, Object[] args) {
		return problems.problem(request, status, code, args, LocaleContextHolder.getLocale());
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(HttpStatus.valueOf(problem.getStatus()))
			.contentType(ProblemResponses.PROBLEM_JSON)
			.body(problem);
	}

	private static String path(DatabindException e) {
		return e.getPath().stream()
			.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."));
	}
}
