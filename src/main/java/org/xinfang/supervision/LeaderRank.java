package org.xinfang.supervision;

/**
 * The rank of the leader who owns a key matter (包案领导): a principal (正职) or a deputy (副职).
 *
 * <p>The rule of DOMAIN §6: the leader's level follows the supervising level — a matter supervised by the
 * province or above is owned by a principal, one supervised by the city (prefecture) by a deputy. The rule
 * names no higher rank for matters supervised below the city, so a county-supervised matter also gets a
 * deputy. It is a suggestion: whoever marks the matter may choose the other rank, and the audit entry records
 * both.
 */
public enum LeaderRank {
	PRINCIPAL, DEPUTY;

	public static LeaderRank suggestedFor(SupervisingLevel level) {
		return switch (level) {
			case CENTRAL, PROVINCE -> PRINCIPAL;
			case PREFECTURE, COUNTY -> DEPUTY;
		};
	}
}
