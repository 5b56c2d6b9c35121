package org.xinfang.intake;

/**
 * A petition submitted by a citizen on the portal (channel {@code ONLINE}); received today. The phone number
 * is required so that the handling unit can reach the petitioner. {@code concernedUnitComplainedAbout}: the
 * concerned unit is the one complained about, so it must not learn who complained (a report implies it).
 */
public record OnlinePetition(String kind, String title, String content, String categoryCode,
		String concernedUnitCode, NewPetitioner petitioner, Boolean concernedUnitComplainedAbout) {
}
