package org.xinfang.intake;

/**
 * A petitioner, co-petitioner or (for a group visit) an elected representative as entered at registration.
 * Only the name is required; collect no more than the matter needs (PIPL).
 */
public record NewPetitioner(String name, String phone, String idNumber, String address, String email,
		Boolean representative) {
}
