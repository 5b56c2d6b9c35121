package org.xinfang.supervision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;
import java.util.List;

/**
 * Indicators of one unit subtree over one period, the rates as numbers from 0 to 1 (null where the denominator
 * is zero) beside the counts behind them. {@code byUnit} has one slice for the unit's own matters and one for
 * each child unit's subtree; {@code byCategory} and {@code byChannel} one per value seen. A breakdown not asked
 * for is null (and left out of the JSON).
 */
public record IndicatorReport(UnitRef unit, LocalDate from, LocalDate to, @JsonUnwrapped Rates rates, Counts counts,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<Slice> byUnit,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<Slice> byCategory,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<Slice> byChannel) {

	public record UnitRef(String code, String name) {
	}

	/** The numerators and denominators behind the rates. */
	public record Counts(long received, long online, long repeated, long acceptanceDue, long acceptedInTime,
			long completionDue, long completedInTime, long openOverdue, long delivered, long evaluable,
			long evaluated, long satisfied, long basicallySatisfied, long dissatisfied, long resolvedWithoutRepeat,
			long resolvedAtUnitLevel) {

		public Rates rates() {
			return new Rates(ratio(acceptedInTime, acceptanceDue), ratio(completedInTime, completionDue),
					ratio(evaluated, evaluable), ratio(satisfied + basicallySatisfied, evaluated),
					ratio(repeated, received), ratio(resolvedWithoutRepeat, delivered),
					ratio(resolvedAtUnitLevel, delivered), ratio(online, received));
		}

		private static Double ratio(long numerator, long denominator) {
			return denominator == 0 ? null : (double) numerator / denominator;
		}
	}

	public record Rates(Double timelyAcceptanceRate, Double onTimeCompletionRate, Double participationRate,
			Double satisfactionRate, Double repeatRate, Double resolvedWithoutRepeatRate,
			Double resolvedAtUnitLevelRate, Double onlineShare) {
	}

	/** One group of a breakdown: {@code key} is a unit code, a category code or a channel. */
	public record Slice(String key, String label, @JsonUnwrapped Rates rates, Counts counts) {
	}
}
