package org.xinfang.audit;

/**
 * Result of walking the audit chain: how many entries were checked and the first entry whose hash or link
 * to its predecessor does not match ({@code null} when the chain is intact).
 */
public record AuditVerification(long entriesChecked, Long firstBadSeq, String problem) {

	public boolean intact() {
		return firstBadSeq == null;
	}
}
