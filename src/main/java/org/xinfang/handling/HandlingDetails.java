package org.xinfang.handling;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the handling module knows of a matter beyond intake's view: the unit and person handling it, the
 * triage outcome, the extension, the reply and its delivery, the petitioner's evaluation. For the staff
 * matter page; callers read the matter through {@code MatterQueries.find} first, which checks the data scope.
 */
public interface HandlingDetails {

	Optional<Handling> of(long matterId);

	record Handling(Long handlingUnitId, String handlingUnitCode, String handlingUnitName, String handler,
			String forwardedTo, String legalRoute, String decisionReason, Integer extensionDays,
			String extensionReason, String extensionState, String replyOutcome, String replyText,
			String replyDraftedBy, String replyApprovedBy, String deliveryMethod, LocalDate deliveredOn,
			String evaluationRating, String evaluationComment) {
	}
}
