package org.xinfang.intake;

import java.time.LocalDate;

/** A deadline of a matter: the period rule it comes from, its localised name, due date and state today. */
public record Deadline(String rule, String name, LocalDate dueDate, LocalDate metOn, DeadlineState state) {
}
