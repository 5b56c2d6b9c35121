package org.xinfang.intake;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.xinfang.platform.DomainException;

/**
 * Input that breaks a registration rule. Rendered like a Bean Validation failure (400, type
 * {@code invalid-fields}, {@code errors:[{field,message}]}) so that clients see one shape; pages show each
 * message next to its field.
 */
public class InvalidInput extends DomainException {

	private final List<FieldProblem> problems;

	public InvalidInput(List<FieldProblem> problems) {
		super(HttpStatus.BAD_REQUEST, "invalid-fields",
				"Some fields are invalid: " + String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList()),
				Map.of("errors", problems));
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	/** Field name → first message, for pages. */
	public Map<String, String> byField() {
		Map<String, String> map = new java.util.LinkedHashMap<>();
		problems.forEach(p -> map.putIfAbsent(p.field(), p.message()));
		return map;
	}
}
