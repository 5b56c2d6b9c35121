package org.xinfang.calendar;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.xinfang.platform.DomainException;

/** A period reaches a year for which no holiday data has been entered: refused (422), never guessed. */
public class CalendarDataMissingException extends DomainException {

	public CalendarDataMissingException(int year) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "calendar-data-missing",
				"No holiday calendar data for " + year + "; an administrator must enter it first",
				Map.of("year", year));
	}
}
