package org.xinfang.platform;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A business rule refused the request. Rendered as an RFC 9457 problem on the API and as a readable message
 * on pages; {@code code} is a message-bundle key ({@code problem.<code>}) and the stable problem type.
 */
public class DomainException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final Map<String, Object> properties;

	public DomainException(HttpStatus status, String code, String message) {
		this(status, code, message, Map.of());
	}

	public DomainException(HttpStatus status, String code, String message, Map<String, Object> properties) {
		super(message);
		this.status = status;
		this.code = code;
		this.properties = properties;
	}

	public static DomainException notFound(String what) {
		return new DomainException(HttpStatus.NOT_FOUND, "not-found", what + " not found");
	}

	public static DomainException invalid(String code, String message) {
		return new DomainException(HttpStatus.BAD_REQUEST, code, message);
	}

	public static DomainException unprocessable(String code, String message) {
		return new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, code, message);
	}

	public static DomainException conflict(String code, String message) {
		return new DomainException(HttpStatus.CONFLICT, code, message);
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	public Map<String, Object> properties() {
		return properties;
	}
}
