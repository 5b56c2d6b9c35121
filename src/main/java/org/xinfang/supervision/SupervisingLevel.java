package org.xinfang.supervision;

/** The level that supervises a key matter (督办层级, DOMAIN §6). */
public enum SupervisingLevel {
	CENTRAL, PROVINCE, PREFECTURE, COUNTY
}
