package org.xinfang.supervision.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.xinfang.supervision.MeasureProposalConfirmed;
import org.xinfang.supervision.MeasureProposalConfirmed.Measure;

/**
 * A confirmed bulletin proposal of an interview opens one in preparation for the unit, with the rule that
 * fired as its reason. Synchronous, in the confirming transaction, so that both commit or fail together; a
 * proposal already turned into an interview is not opened twice. Reminders and flags are handled elsewhere.
 */
@Component
class InterviewProposals {

	private final JdbcInterviews interviews;

	InterviewProposals(JdbcInterviews interviews) {
		this.interviews = interviews;
	}

	@EventListener
	void on(MeasureProposalConfirmed event) {
		if (event.measure() != Measure.INTERVIEW || interviews.byProposal(event.proposalId()).isPresent()) {
			return;
		}
		interviews.openFromProposal(event.proposalId(), event.unitId(), event.reason(), event.confirmedBy());
	}
}
