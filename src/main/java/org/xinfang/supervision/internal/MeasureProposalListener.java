package org.xinfang.supervision.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units.Staff;
import org.xinfang.platform.DomainException;
import org.xinfang.supervision.Flags.Ground;
import org.xinfang.supervision.MeasureProposalConfirmed;
import org.xinfang.supervision.Reminders.Kind;

/**
 * Opens the measure a supervisor confirmed on a bulletin proposal (DOMAIN §6 trigger rules), synchronously in
 * the confirming transaction, so that confirmation and measure commit or fail together: {@code REMINDER} → an
 * important reminder (督办提醒函) to the unit with the rule's reason, due by the rule {@code REMINDER_RESPONSE};
 * {@code FLAG} → a flag filed on the unit (ground: reminded twice in a row). {@code INTERVIEW} is opened by the
 * interviews part of the module, not here. The measure is issued in the name of the confirming supervisor's
 * unit.
 */
@Component
class MeasureProposalListener {

	private final MeasureSupport support;

	private final JdbcReminders reminders;

	private final JdbcFlags flags;

	MeasureProposalListener(MeasureSupport support, JdbcReminders reminders, JdbcFlags flags) {
		this.support = support;
		this.reminders = reminders;
		this.flags = flags;
	}

	@EventListener
	void on(MeasureProposalConfirmed event) {
		if (event.measure() == MeasureProposalConfirmed.Measure.INTERVIEW) {
			return;
		}
		Unit unit = support.units.byId(event.unitId())
			.orElseThrow(() -> DomainException.notFound("Unit " + event.unitCode()));
		Unit issuing = support.units.staff(event.confirmedBy())
			.map(Staff::unit)
			.orElseThrow(() -> DomainException.notFound("User " + event.confirmedBy()));
		String reason = event.reason() == null || event.reason().isBlank()
				? support.text("measures.reason.proposal", event.proposalId()) : event.reason().strip();
		if (reason.length() > 2000) {
			reason = reason.substring(0, 2000);
		}
		switch (event.measure()) {
			case REMINDER -> reminders.create(unit, issuing, Kind.IMPORTANT, reason, java.util.List.of(), null, null,
					event.proposalId(), null, event.confirmedBy(), false);
			case FLAG -> flags.create(unit, issuing, Ground.REMINDED_TWICE, null, reason, event.proposalId(),
					event.confirmedBy());
			default -> {
			}
		}
	}
}
