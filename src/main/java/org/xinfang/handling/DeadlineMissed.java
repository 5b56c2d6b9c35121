package org.xinfang.handling;

import java.time.LocalDate;

/** Published once per deadline, when the overdue job first finds it passed and not met. */
public record DeadlineMissed(long matterId, String rule, LocalDate dueDate) {
}
