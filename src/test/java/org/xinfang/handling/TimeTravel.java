package org.xinfang.handling;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Replaces the application's clock with one tests move by hand. The handling tests share this one extra
 * Spring context; they travel to 2026, for which the holiday calendar is shipped (periods reaching a year
 * without calendar data are refused, so "now" would not do late in the year).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TimeTravel {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@Bean
	@Primary
	MutableClock mutableClock() {
		return new MutableClock(LocalDate.of(2026, 3, 2));
	}

	public static final class MutableClock extends Clock {

		private final AtomicReference<Instant> now = new AtomicReference<>();

		MutableClock(LocalDate day) {
			travelTo(day);
		}

		/** 09:30 on that day, Beijing time. */
		public void travelTo(LocalDate day) {
			now.set(day.atTime(LocalTime.of(9, 30)).atZone(ZONE).toInstant());
		}

		public LocalDate today() {
			return LocalDate.ofInstant(now.get(), ZONE);
		}

		@Override
		public ZoneId getZone() {
			return ZONE;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return Clock.fixed(now.get(), zone);
		}

		@Override
		public Instant instant() {
			return now.get();
		}
	}
}
