package org.xinfang.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.support.XinfangTest;

/**
 * The copy of the calendar is checked once per transaction: the due dates of one transaction are computed on one
 * calendar, an edit committed elsewhere meanwhile is seen from the next transaction on, and a transaction that
 * edits the calendar itself computes on its own edit.
 */
@XinfangTest
class CalendarTransactionCopyTests {

	/** A Wednesday of a year with holiday data, no holiday. */
	private static final LocalDate DAY = LocalDate.of(2026, 12, 9);

	@Autowired
	DueDates dueDates;

	@Autowired
	CalendarAdministration administration;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void anEditCommittedElsewhereIsSeenFromTheNextTransactionOn() {
		TransactionTemplate outer = new TransactionTemplate(transactions);
		TransactionTemplate other = new TransactionTemplate(transactions);
		other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		try {
			outer.executeWithoutResult(status -> {
				assertThat(dueDates.isWorkingDay(DAY)).isTrue();
				other.executeWithoutResult(s -> administration.putDay(DAY, DayKind.HOLIDAY, "测试"));
				// the same transaction goes on with the calendar it started with
				assertThat(dueDates.isWorkingDay(DAY)).isTrue();
			});
			Boolean inNextTransaction = outer.execute(status -> dueDates.isWorkingDay(DAY));
			assertThat(inNextTransaction).isFalse();
			assertThat(dueDates.isWorkingDay(DAY)).isFalse();
		}
		finally {
			administration.deleteDay(DAY);
		}
		assertThat(dueDates.isWorkingDay(DAY)).isTrue();
	}

	@Test
	void aTransactionThatEditsTheCalendarComputesOnItsEdit() {
		TransactionTemplate tx = new TransactionTemplate(transactions);
		tx.executeWithoutResult(status -> {
			assertThat(dueDates.isWorkingDay(DAY)).isTrue();
			assertThat(dueDates.dueDate(DAY.minusDays(1), 1, PeriodUnit.WORKING_DAYS)).isEqualTo(DAY);
			administration.putDay(DAY, DayKind.HOLIDAY, "测试");
			assertThat(dueDates.isWorkingDay(DAY)).isFalse();
			assertThat(dueDates.dueDate(DAY.minusDays(1), 1, PeriodUnit.WORKING_DAYS)).isEqualTo(DAY.plusDays(1));
			status.setRollbackOnly();
		});
		// rolled back: no copy of the edit survives it
		assertThat(dueDates.isWorkingDay(DAY)).isTrue();
		assertThat(dueDates.dueDate(DAY.minusDays(1), 1, PeriodUnit.WORKING_DAYS)).isEqualTo(DAY);
	}
}
