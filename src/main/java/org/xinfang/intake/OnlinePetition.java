package org.xinfang.intake;

/**
 * A petition submitted by a citizen on the portal (channel {@code ONLINE}); received today. The phone number
 * is required so that the handling unit can reach the petitioner.
 */
public record OnlinePetition(String kind, String title, String content, String categoryCode,
		String concernedUnitCode, NewPetitioner petitioner) {
}
