package org.xinfang.supervision.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.xinfang.supervision.IndicatorReport.Rates;
import org.xinfang.supervision.TargetLetters;
import org.xinfang.supervision.TargetLetters.Assessment;
import org.xinfang.supervision.TargetLetters.Line;
import org.xinfang.supervision.TargetLetters.Targets;

/** The score of the yearly assessment, as documented on {@link TargetLetters}; a pure function of its inputs. */
final class YearlyAssessment {

	private YearlyAssessment() {
	}

	static Assessment assess(org.xinfang.supervision.IndicatorReport.UnitRef unit, int year, Targets t, Rates r,
			int timesInBottomThree, int supervisionMeasures) {
		List<Line> lines = new ArrayList<>();
		add(lines, "timelyAcceptance", t.timelyAcceptance(), r.timelyAcceptanceRate(), false);
		add(lines, "onTimeCompletion", t.onTimeCompletion(), r.onTimeCompletionRate(), false);
		add(lines, "satisfaction", t.satisfaction(), r.satisfactionRate(), false);
		add(lines, "resolvedAtUnitLevel", t.resolvedAtUnitLevel(), r.resolvedAtUnitLevelRate(), false);
		add(lines, "resolvedWithoutRepeat", t.resolvedWithoutRepeat(), r.resolvedWithoutRepeatRate(), false);
		add(lines, "maxRepeatRate", t.maxRepeatRate(), r.repeatRate(), true);
		List<Double> attained = lines.stream().map(Line::attainment).filter(a -> a != null).toList();
		boolean noData = attained.isEmpty();
		double indicator = noData ? TargetLetters.INDICATOR_POINTS
				: TargetLetters.INDICATOR_POINTS * attained.stream().mapToDouble(Double::doubleValue).average().orElse(1);
		double bulletin = Math.max(0,
				TargetLetters.BULLETIN_POINTS - TargetLetters.DEDUCTION * (timesInBottomThree + supervisionMeasures));
		double indicatorPart = round(indicator);
		return new Assessment(unit, year, round(indicatorPart + bulletin), indicatorPart, bulletin, lines,
				timesInBottomThree, supervisionMeasures, noData);
	}

	private static void add(List<Line> lines, String indicator, Double target, Double actual, boolean ceiling) {
		if (target == null) {
			return;
		}
		Double attainment = null;
		if (actual != null) {
			if (ceiling) {
				attainment = actual <= target ? 1.0 : Math.max(0, (1 - actual) / (1 - target));
			}
			else {
				attainment = target == 0 ? 1.0 : Math.min(1, actual / target);
			}
		}
		lines.add(new Line(indicator, target, actual, attainment));
	}

	static double round(double value) {
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
	}
}
