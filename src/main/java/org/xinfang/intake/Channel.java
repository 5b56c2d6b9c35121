package org.xinfang.intake;

/** How a matter reached us (来源渠道, DOMAIN §3). */
public enum Channel {
	/** 来信 */
	LETTER,
	/** 来访, individual */
	VISIT,
	/** 集体访: five people or more, at most five elected representatives */
	GROUP_VISIT,
	/** 网上信访, the citizen portal */
	ONLINE,
	/** 电话 */
	PHONE,
	/** 领导信箱 */
	LEADER_MAILBOX,
	/** 上级转送/交办: the source body and its reference number are recorded */
	TRANSFERRED,
	/** 领导接访/下访 */
	LEADER_RECEPTION
}
