package org.xinfang.organisation;

/** Staff roles of DOMAIN §1. A user may hold several; each grants the authority {@code ROLE_<name>}. */
public enum Role {
	REGISTRAR, HANDLER, UNIT_HEAD, LEADER, REVIEWER, SUPERVISOR, ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}
}
