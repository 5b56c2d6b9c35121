package org.xinfang.platform.web;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;

/**
 * Every error of the JSON API as an RFC 9457 problem: a stable {@code type}, a readable {@code detail}, and
 * for invalid input an {@code errors} list naming each bad field.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

	static final String TYPE_BASE = "https://xinfang.org/problems/";

	private final MessageSource messages;

	ApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(DomainException.class)
	ResponseEntity<ProblemDetail> domain(DomainException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(),
				messages.getMessage("problem." + ex.code(), null, ex.getMessage(), LocaleContextHolder.getLocale()));
		problem.setType(URI.create(TYPE_BASE + ex.code()));
		ex.properties().forEach(problem::setProperty);
		return ResponseEntity.status(ex.status()).body(problem);
	}

	@ExceptionHandler({ AccessDeniedException.class, AuthorizationDeniedException.class })
	ResponseEntity<ProblemDetail> denied(RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"You are not allowed to do this.");
		problem.setType(URI.create(TYPE_BASE + "forbidden"));
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.sorted(Comparator.comparing(FieldError::getField))
			.map(e -> new FieldProblem(e.getField(), messages.getMessage(e, LocaleContextHolder.getLocale())))
			.toList();
		return invalid(errors);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(r -> r.getResolvableErrors()
				.stream()
				.map(e -> new FieldProblem(r.getMethodParameter().getParameterName(),
						messages.getMessage(e, LocaleContextHolder.getLocale()))))
			.toList();
		return invalid(errors);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof BodySizeLimitFilter.BodyTooLarge) {
				return tooLarge("The request body is larger than allowed.");
			}
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is not valid JSON of the expected shape: " + shortCause(ex));
		problem.setType(URI.create(TYPE_BASE + "malformed-body"));
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return tooLarge("The upload is larger than allowed.");
	}

	/**
	 * The servlet container refuses an upload's file name it cannot represent (a NUL character in it) when the
	 * controller asks for it.
	 */
	@ExceptionHandler(InvalidFileNameException.class)
	ResponseEntity<ProblemDetail> invalidFileName(InvalidFileNameException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The file name contains characters that are not allowed.");
		problem.setType(URI.create(TYPE_BASE + "invalid-file-name"));
		return ResponseEntity.badRequest().body(problem);
	}

	/** A body the handler read itself (not through a message converter) that was cut off by the size limit. */
	@ExceptionHandler(BodySizeLimitFilter.BodyTooLarge.class)
	ResponseEntity<Object> bodyTooLarge(BodySizeLimitFilter.BodyTooLarge ex) {
		return tooLarge("The request body is larger than allowed.");
	}

	private static ResponseEntity<Object> tooLarge(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
		problem.setType(URI.create(TYPE_BASE + "too-large"));
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
	}

	private ResponseEntity<Object> invalid(List<FieldProblem> errors) {
		return ResponseEntity.badRequest().body(domain(new InvalidInput(errors)).getBody());
	}


	private static String shortCause(HttpMessageNotReadableException ex) {
		String message = ex.getMostSpecificCause().getMessage();
		if (message == null) {
			return "unreadable";
		}
		// Jackson's messages end with a source excerpt that may echo the whole body; keep the first line.
		int newline = message.indexOf('\n');
		String first = newline > 0 ? message.substring(0, newline) : message;
		return first.length() > 300 ? first.substring(0, 300) : first;
	}
}
