package org.xinfang.calendar.internal;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.xinfang.calendar.CalendarDay;
import org.xinfang.calendar.DayKind;
import org.xinfang.calendar.DueDates;
import org.xinfang.calendar.PeriodRule;
import org.xinfang.calendar.PeriodUnit;
import org.xinfang.platform.DomainException;

/**
 * {@link DueDates} over an in-memory copy of the holiday calendar and the period rules.
 * <p>
 * Why a version check rather than a time-to-live: several application instances share one database, and an
 * administrator's edit must change every instance's answers at once — a TTL would leave a window in which two
 * instances compute different legal deadlines for the same matter. So each call reads the single-row
 * {@code calendar_version} (a primary-key lookup, far cheaper than reloading ~100 rows) and reloads the copy
 * only when the number differs. The number is changed by database triggers on every change to the calendar
 * and rule tables, so neither application code nor a hand-made SQL fix can forget to signal a change, and it
 * comes from a sequence, so a rolled-back edit never leaves a number that later means different data.
 * <p>
 * The version is read before the data: if an edit commits in between, the copy holds newer data under an
 * older number and is simply reloaded on the next call.
 * <p>
 * Within one transaction the version is read once: the first call binds the checked copy to the transaction
 * and later calls of the same transaction use it, as if all of them had run at its first call (a staff action
 * computes several due dates and the answer's deadlines; B1 measured 30 reads of {@code calendar_version} per
 * lifecycle before). A transaction that edits the calendar itself drops its copy ({@link #forgetInTransaction()},
 * called by {@link CalendarRows}' writes), so its own later calls see the edit.
 */
@Component
class CachedDueDates implements DueDates {

	private final CalendarRows rows;

	private volatile Snapshot snapshot;

	CachedDueDates(CalendarRows rows) {
		this.rows = rows;
	}

	@Override
	public LocalDate dueDate(LocalDate start, int amount, PeriodUnit unit) {
		return current().calendar().dueDate(start, amount, unit);
	}

	@Override
	public LocalDate dueDate(String ruleCode, LocalDate start) {
		Snapshot current = current();
		PeriodRule rule = current.rule(ruleCode);
		return current.calendar().dueDate(start, rule.amount(), rule.unit());
	}

	@Override
	public PeriodRule rule(String ruleCode) {
		return current().rule(ruleCode);
	}

	@Override
	public Map<String, PeriodRule> rules() {
		return current().rules();
	}

	@Override
	public boolean isWorkingDay(LocalDate day) {
		return current().calendar().isWorkingDay(day);
	}

	private Snapshot current() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return checked();
		}
		// the copy rides on a synchronization of the transaction: a transaction suspended for another
		// (REQUIRES_NEW) keeps its own, and the copy goes with the transaction's end
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof TransactionCopy copy) {
				if (copy.snapshot == null) {
					copy.snapshot = checked();
				}
				return copy.snapshot;
			}
		}
		TransactionCopy copy = new TransactionCopy(checked());
		TransactionSynchronizationManager.registerSynchronization(copy);
		return copy.snapshot;
	}

	/** Drops the copy of the current transaction, if any: the transaction has changed the calendar. */
	static void forgetInTransaction() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
				if (synchronization instanceof TransactionCopy copy) {
					copy.snapshot = null;
				}
			}
		}
	}

	/** The copy one transaction computes on. */
	private static final class TransactionCopy implements TransactionSynchronization {

		private Snapshot snapshot;

		TransactionCopy(Snapshot snapshot) {
			this.snapshot = snapshot;
		}
	}

	private Snapshot checked() {
		long version = rows.version();
		Snapshot current = snapshot;
		if (current == null || current.version() != version) {
			current = load(version);
			snapshot = current;
		}
		return current;
	}

	private Snapshot load(long version) {
		Map<LocalDate, DayKind> days = rows.allDays()
			.stream()
			.collect(Collectors.toMap(CalendarDay::day, CalendarDay::kind));
		HolidayCalendar calendar = new HolidayCalendar(days, new HashSet<>(rows.completeYears()));
		Map<String, PeriodRule> rules = rows.rules()
			.stream()
			.collect(Collectors.toMap(PeriodRule::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
		return new Snapshot(version, calendar, Map.copyOf(rules));
	}

	private record Snapshot(long version, HolidayCalendar calendar, Map<String, PeriodRule> rules) {

		PeriodRule rule(String code) {
			PeriodRule rule = code == null ? null : rules.get(code);
			if (rule == null) {
				throw DomainException.notFound("Period rule " + code);
			}
			return rule;
		}
	}
}
