package org.xinfang.intake;

import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * A matter registered by staff from any channel. Codes are plain strings so that a wrong value is reported
 * as an invalid field, not as an unreadable body.
 *
 * @param receivedOn the day it was received (may be in the past, never in the future); today when absent
 * @param headcount number of people; for a group visit at least five
 * @param sourceBody and {@code sourceReference}: required for {@code TRANSFERRED}
 * @param concernedUnitComplainedAbout the concerned unit is the one complained about: the petitioners'
 *     identity and materials are then protected from it (needs a concerned unit; a report implies it)
 */
public record RegisterMatter(String channel, String kind, String title, String content, String categoryCode,
		String concernedUnitCode, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate receivedOn,
		Integer headcount, String sourceBody, String sourceReference, List<NewPetitioner> petitioners,
		Boolean concernedUnitComplainedAbout) {
}
