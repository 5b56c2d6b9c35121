package org.xinfang.calendar;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of deadline states (DOMAIN §5: on track / due soon / overdue). The "due soon" threshold is a
 * display setting, not a legal period, so it lives in configuration ({@code xinfang.deadlines.due-soon-days})
 * rather than in the period rule table.
 */
@ConfigurationProperties("xinfang.deadlines")
public record DeadlineSettings(@DefaultValue("3") int dueSoonDays) {

	public DeadlineSettings {
		if (dueSoonDays < 0) {
			throw new IllegalArgumentException("xinfang.deadlines.due-soon-days must not be negative");
		}
	}
}
