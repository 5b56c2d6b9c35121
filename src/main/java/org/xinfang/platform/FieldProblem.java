package org.xinfang.platform;

/** One invalid input field and a readable message in the request's language. */
public record FieldProblem(String field, String message) {
}
