package org.xinfang.organisation.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.InvalidInput;

/**
 * Readable field errors for the administration pages: one message per field (key {@link #GLOBAL} for the
 * form as a whole), already translated, so the template only shows them next to the re-filled inputs.
 */
final class FormErrors {

	static final String GLOBAL = "_global";

	private final MessageSource messages;

	private final Map<String, String> errors = new LinkedHashMap<>();

	FormErrors(MessageSource messages) {
		this.messages = messages;
	}

	String required(String field, String value) {
		if (value == null || value.isBlank()) {
			add(field, "admin.error.required");
			return null;
		}
		return value.trim();
	}

	void maxLength(String field, String value, int max) {
		if (value != null && value.length() > max) {
			add(field, "admin.error.tooLong", max);
		}
	}

	void pattern(String field, String value, Pattern pattern, String messageKey) {
		if (value != null && !value.isBlank() && !pattern.matcher(value.trim()).matches()) {
			add(field, messageKey);
		}
	}

	<E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
		try {
			return Enum.valueOf(type, value == null ? "" : value);
		}
		catch (IllegalArgumentException ex) {
			add(field, "admin.error.choose");
			return null;
		}
	}

	int integer(String field, String value) {
		try {
			return value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			add(field, "admin.error.number");
			return 0;
		}
	}

	void add(String field, String key, Object... args) {
		errors.putIfAbsent(field, messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
	}

	/** A refusal of the domain, shown at the field it names or at the top of the form. */
	void add(DomainException ex) {
		String message = messages.getMessage("problem." + ex.code(), null, ex.getMessage(),
				LocaleContextHolder.getLocale());
		if (ex instanceof InvalidInput invalid) {
			invalid.problems().forEach(p -> errors.putIfAbsent(p.field(), message));
		}
		else {
			errors.putIfAbsent(GLOBAL, message);
		}
	}

	boolean any() {
		return !errors.isEmpty();
	}

	Map<String, String> asMap() {
		return errors;
	}
}
