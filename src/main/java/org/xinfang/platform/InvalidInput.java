package org.xinfang.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Input that breaks a rule, naming each bad field. The one shape of every field-level refusal: rendered
 * on the API like a Bean Validation failure ({@code errors:[{field,message}]}, by default 400
 * {@code invalid-fields}), and shown next to each field on pages.
 */
public class InvalidInput extends DomainException {

	private final List<FieldProblem> problems;

	public InvalidInput(List<FieldProblem> problems) {
		this(HttpStatus.BAD_REQUEST, "invalid-fields", problems);
	}

	/** A refusal with its own status and problem type that still points at the field(s) to correct. */
	public InvalidInput(HttpStatus status, String code, List<FieldProblem> problems) {
		super(status, code,
				"Some fields are invalid: " + String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList()),
				Map.of("errors", List.copyOf(problems)));
		this.problems = List.copyOf(problems);
	}

	public static InvalidInput of(HttpStatus status, String code, String field, String message) {
		return new InvalidInput(status, code, List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	/** Field name → first message, for pages. */
	public Map<String, String> byField() {
		Map<String, String> map = new LinkedHashMap<>();
		problems.forEach(p -> map.putIfAbsent(p.field(), p.message()));
		return map;
	}
}
