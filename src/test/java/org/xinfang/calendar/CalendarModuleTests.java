package org.xinfang.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The calendar module bootstrapped with only its direct dependencies, against the real (embedded)
 * PostgreSQL and the seeded holiday data.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
class CalendarModuleTests {

	@Autowired
	DueDates dueDates;

	@Test
	void triageDeadlineEndingInTheSpringFestivalMovesToTheFirstWorkingDay() {
		// 2026-02-01 + 15 calendar days = 2026-02-16, inside the Spring Festival break (Feb 15–23)
		assertThat(dueDates.dueDate("TRIAGE", LocalDate.of(2026, 2, 1))).isEqualTo(LocalDate.of(2026, 2, 24));
	}

	@Test
	void periodReachingAYearWithoutDataIsRefused() {
		assertThatThrownBy(() -> dueDates.dueDate("TRIAGE", LocalDate.of(2026, 12, 20)))
			.isInstanceOf(CalendarDataMissingException.class);
	}
}
