package org.xinfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.servlet.DispatcherServlet;
import org.xinfang.support.XinfangTest;

/**
 * Requests are not observed (application.yml, {@code management.observations.enable.http.server.requests}): nothing
 * reads the timings, and the observation cost 3-4 % of a request's CPU (BENCHMARKS.md, Causes and fixes 36). Other
 * observations stay possible. Nor does the dispatcher publish an event per request
 * ({@code spring.mvc.publish-request-handled-events}, 42), while the application's own events still arrive.
 */
@XinfangTest
class ObservationSettingsTests {

	@Autowired
	ObservationRegistry registry;

	@Autowired
	DispatcherServlet dispatcher;

	@Test
	void theDispatcherPublishesNoEventPerRequest() {
		assertThat(ReflectionTestUtils.getField(dispatcher, "publishEvents")).isEqualTo(false);
	}

	@Test
	void httpServerRequestsAreNotObservedOtherNamesAre() {
		Observation request = Observation.start("http.server.requests", registry);
		Observation other = Observation.start("xinfang.something", registry);
		try {
			assertThat(request.isNoop()).isTrue();
			assertThat(other.isNoop()).isFalse();
		}
		finally {
			request.stop();
			other.stop();
		}
	}
}
