package org.xinfang.intake;

/** The three kinds of request of the 2022 Regulation on Petition Work (DOMAIN §4). */
public enum Kind {
	/** 申诉求决类: legal routes first (Art. 31) */
	GRIEVANCE,
	/** 建议意见类 (Art. 29) */
	PROPOSAL,
	/** 检举控告类: the reporter is never shown to the unit accused (Art. 30, Art. 46) */
	REPORT
}
