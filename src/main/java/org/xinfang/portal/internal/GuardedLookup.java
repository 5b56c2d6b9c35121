package org.xinfang.portal.internal;

import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.xinfang.intake.MatterQueries;
import org.xinfang.intake.PublicStatus;

/**
 * A citizen's look-up with code and secret behind the failure throttle — one sequence for the portal page
 * and the public API: refuse while the client is blocked, look up, count a miss.
 */
@Component
public class GuardedLookup {

	private final MatterQueries matters;

	private final LookupThrottle throttle;

	GuardedLookup(MatterQueries matters, LookupThrottle throttle) {
		this.matters = matters;
		this.throttle = throttle;
	}

	public Result lookUp(String client, String trackingCode, String querySecret) {
		Optional<Duration> blocked = throttle.blockedFor(client);
		if (blocked.isPresent()) {
			return new Throttled(blocked.get());
		}
		Optional<PublicStatus> status = matters.track(trackingCode, querySecret);
		if (status.isEmpty()) {
			throttle.failed(client);
			return new NotFound();
		}
		return new Found(status.get());
	}

	public sealed interface Result permits Found, NotFound, Throttled {
	}

	public record Found(PublicStatus status) implements Result {
	}

	/** An unknown code and a wrong secret are the same answer. */
	public record NotFound() implements Result {
	}

	public record Throttled(Duration remaining) implements Result {

		/** Whole seconds, rounded up, at least one: the Retry-After value. */
		public long retryAfterSeconds() {
			return Math.max(1, remaining.toSeconds() + (remaining.toNanosPart() > 0 ? 1 : 0));
		}

		public long retryAfterMinutes() {
			return (retryAfterSeconds() + 59) / 60;
		}
	}
}
