package org.xinfang.supervision;

import java.time.LocalDate;
import java.util.Set;

/**
 * The indicators of DOMAIN §8, computed from the matters, never typed in.
 *
 * <p>A matter counts for the unit responsible for it: its handling unit once assigned, otherwise the
 * receiving office. A unit's figures cover its whole subtree. Each indicator is a ratio over a cohort of
 * matters that an event places inside the period [{@code from}, {@code to}] (both inclusive, dates in
 * Asia/Shanghai):
 * <ul>
 * <li><b>timely acceptance</b> (及时受理率) = decided in time ÷ acceptance periods ended. The cohort: matters
 * whose acceptance period (rule ACCEPTANCE) was settled in the period — by the decision (受理 / 不予受理 /
 * 不再受理, each with its notice) on its date, or, undecided, by the period running out on its due date.
 * A period still running is not counted yet.
 * <li><b>on-time completion</b> (按期办结率) = replies delivered by the due date ÷ handling periods due. The
 * cohort: matters whose handling period (rule HANDLING, 60 days from acceptance plus an approved extension)
 * was settled in the period — by the delivery of the reply, or by running out. An open matter already
 * overdue counts against the rate; a reply delivered late counts against it too.
 * <li><b>participation</b> (参评率) = evaluated ÷ evaluable; the cohort: replies delivered in the period whose
 * petitioner has evaluated or whose evaluation window has passed.
 * <li><b>satisfaction</b> (满意率) = (满意 + 基本满意) ÷ evaluated, over the same delivered replies.
 * <li><b>repeat rate</b> (重复信访率) = matters the petitioner raised again ÷ matters received in the period;
 * raised again means a repeat request was linked to the open matter, or the matter itself repeats an
 * earlier one.
 * <li><b>resolved without repeat</b> (一次性化解率) = delivered replies with no repeat request, no review
 * request and no later matter repeating them ÷ replies delivered in the period.
 * <li><b>resolved at unit level</b> (基层化解率, target ≥ 80 %) = delivered replies that nobody took to review
 * ÷ replies delivered in the period.
 * <li><b>online share</b> = matters received through the online channel (网上信访) ÷ matters received.
 * </ul>
 * A rate whose denominator is zero is {@code null}, never 0 or 1.
 */
public interface Indicators {

	/** The figures for the unit's subtree, with the breakdowns asked for. */
	IndicatorReport compute(String unitCode, LocalDate from, LocalDate to, Set<Breakdown> breakdowns);

	enum Breakdown {
		UNIT, CATEGORY, CHANNEL
	}
}
