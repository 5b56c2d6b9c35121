package org.xinfang.calendar;

/**
 * A named period of the rule table (DOMAIN §5), e.g. {@code TRIAGE}: 15 calendar days from receipt,
 * Regulation Art. 22.
 */
public record PeriodRule(String code, String nameZh, String nameEn, int amount, PeriodUnit unit, String startEvent,
		String legalBasis) {
}
