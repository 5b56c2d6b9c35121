package org.xinfang.handling.internal;

import java.util.Map;
import org.xinfang.intake.Kind;
import org.xinfang.intake.MatterStatus;

/** A matter as the lifecycle sees it: status, version, the units involved and what happened before. */
record MatterState(long id, String trackingCode, Kind kind, MatterStatus status, int version, long receivingUnitId,
		String receivingPath, String concernedPath, Long handlingUnitId, String handlingPath, String handler,
		String replyDraftedBy, String extensionState, boolean evaluated, boolean reviewRequested,
		boolean reviewDecided, String reviewUnitPath, boolean rereviewRequested,
		Map<String, java.time.LocalDate> openDeadlines) {
}
