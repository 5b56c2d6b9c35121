package org.xinfang.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationSettingsTests {

	final NotificationSettings settings = new NotificationSettings("x@localhost", 20, 6, Duration.ofMinutes(1),
			Duration.ofMinutes(10));

	@ParameterizedTest
	@CsvSource({ "1, PT1M", "2, PT2M", "3, PT4M", "4, PT8M", "5, PT10M", "30, PT10M" })
	void waitDoublesAfterEachFailureUpToTheCap(int failures, Duration wait) {
		assertThat(settings.backoffAfter(failures)).isEqualTo(wait);
	}
}
