package org.xinfang.support;

import java.time.LocalDate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.xinfang.calendar.DueDates;
import org.xinfang.calendar.PeriodRule;
import org.xinfang.calendar.PeriodUnit;

/**
 * TEMPORARY, test-only: stands in for the calendar module's {@link DueDates} until branch feat/calendar is
 * merged into feat/intake; delete it (and its import in {@link XinfangTest}) after that merge. Counts plain
 * calendar days, which is all the intake tests rely on.
 */
@TestConfiguration(proxyBeanMethods = false)
class TemporaryDueDates {

	@Bean
	DueDates temporaryDueDates() {
		return new DueDates() {
			@Override
			public LocalDate dueDate(LocalDate start, int amount, PeriodUnit unit) {
				return start.plusDays(amount);
			}

			@Override
			public LocalDate dueDate(String ruleCode, LocalDate start) {
				PeriodRule rule = rule(ruleCode);
				return dueDate(start, rule.amount(), rule.unit());
			}

			@Override
			public PeriodRule rule(String ruleCode) {
				if (!"TRIAGE".equals(ruleCode)) {
					throw new IllegalArgumentException("unknown rule " + ruleCode);
				}
				return new PeriodRule("TRIAGE", "转送、交办或告知", "Forward, assign or inform", 15,
						PeriodUnit.CALENDAR_DAYS, "RECEIPT", "信访工作条例第二十二条");
			}

			@Override
			public boolean isWorkingDay(LocalDate day) {
				return day.getDayOfWeek().getValue() < 6;
			}
		};
	}
}
