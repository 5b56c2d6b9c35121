package org.xinfang.portal.internal;

import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.xinfang.documents.IssuedDocument;
import org.xinfang.documents.OfficialDocuments;
import org.xinfang.intake.MatterQueries;
import org.xinfang.intake.PublicStatus;

/**
 * A citizen's look-up with code and secret behind the failure throttle — one sequence for the portal page
 * and the public API: refuse while the client is blocked, look up, count a miss. A found status carries the
 * matter's delivered documents (and only those: an issued but undelivered opinion is not yet the petitioner's).
 */
@Component
public class GuardedLookup {

	private final MatterQueries matters;

	private final LookupThrottle throttle;

	private final OfficialDocuments documents;

	GuardedLookup(MatterQueries matters, LookupThrottle throttle, OfficialDocuments documents) {
		this.matters = matters;
		this.throttle = throttle;
		this.documents = documents;
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
		return new Found(withDocuments(status.get()));
	}

	/** The status with the matter's delivered documents, for an answer after the secret was checked. */
	public PublicStatus withDocuments(PublicStatus s) {
		return s.withDocuments(documents.deliveredFor(s.trackingCode())
			.stream()
			.map(d -> new PublicStatus.Document(d.id(), d.title(), d.number(), d.issuedOn(),
					documentUrl(s.trackingCode(), d)))
			.toList());
	}

	/**
	 * The PDF of one of the found matter's delivered documents; empty for any other id, so a petitioner cannot
	 * reach another matter's documents by guessing ids.
	 */
	public Optional<byte[]> deliveredPdf(Found found, long documentId) {
		boolean own = found.status().documents().stream().anyMatch(d -> d.id() == documentId);
		return own ? documents.pdf(documentId) : Optional.empty();
	}

	private static String documentUrl(String trackingCode, IssuedDocument d) {
		return "/api/v1/public/petitions/" + trackingCode + "/documents/" + d.id();
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
