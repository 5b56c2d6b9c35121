package org.xinfang.notification.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.audit.AuditLog;
import org.xinfang.notification.Message;
import org.xinfang.notification.Notice;
import org.xinfang.notification.SmsGateway;

/**
 * Sends due messages from the outbox. A run claims up to {@code batch-size} due rows with
 * {@code FOR UPDATE SKIP LOCKED}, sends each and marks it SENT in the same transaction, so two runs at the
 * same time (another instance, or one that lost the scheduler lock) pass each other's rows by and never send
 * one twice. A failed send records the error and schedules the next attempt with exponential backoff; after
 * the last attempt the message is FAILED and audited.
 *
 * <p>The one gap left is a crash between a successful send and the commit: the message is then sent again
 * on the next run. Mail and SMS offer no way to make that atomic; one notice twice is better than none.
 */
@Component
class OutboxDispatcher {

	private static final Log log = LogFactory.getLog(OutboxDispatcher.class);

	private static final int MAX_ERROR_LENGTH = 2000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final MailSending mail;

	private final SmsGateway sms;

	private final AuditLog audit;

	private final NotificationSettings settings;

	private final Clock clock;

	OutboxDispatcher(JdbcClient jdbc, PlatformTransactionManager transactions, MailSending mail, SmsGateway sms,
			AuditLog audit, NotificationSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.mail = mail;
		this.sms = sms;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	/** Claims and sends one batch of due messages; returns how many were claimed (sent or not). */
	int dispatchDue() {
		Integer claimed = transaction.execute(status -> {
			List<Notice> due = jdbc.sql("""
					SELECT * FROM notification
					WHERE status = 'PENDING' AND next_attempt_at <= :now
					ORDER BY next_attempt_at, id
					LIMIT :limit
					FOR UPDATE SKIP LOCKED
					""")
				.param("now", OffsetDateTime.now(clock))
				.param("limit", settings.batchSize())
				.query(JdbcNotifications::notice)
				.list();
			due.forEach(this::attempt);
			return due.size();
		});
		return claimed == null ? 0 : claimed;
	}

	private void attempt(Notice notice) {
		try {
			if (notice.channel() == Message.Channel.EMAIL) {
				mail.send(notice.recipient(), notice.subject(), notice.body());
			}
			else {
				sms.send(notice.recipient(), notice.body());
			}
		}
		catch (RuntimeException ex) {
			failed(notice, ex);
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		jdbc.sql("""
				UPDATE notification SET status = 'SENT', sent_at = :now, last_attempt_at = :now,
				       attempts = attempts + 1, last_error = NULL
				WHERE id = :id
				""")
			.param("now", now)
			.param("id", notice.id())
			.update();
	}

	private void failed(Notice notice, RuntimeException ex) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		int attempts = notice.attempts() + 1;
		String error = describe(ex);
		boolean givingUp = attempts >= settings.maxAttempts();
		Duration wait = settings.backoffAfter(attempts);
		jdbc.sql("""
				UPDATE notification SET status = :status, attempts = :attempts, last_attempt_at = :now,
				       last_error = :error, next_attempt_at = :next
				WHERE id = :id
				""")
			.param("status", givingUp ? Notice.Status.FAILED.name() : Notice.Status.PENDING.name())
			.param("attempts", attempts)
			.param("now", now)
			.param("error", error)
			.param("next", givingUp ? now : now.plus(wait))
			.param("id", notice.id())
			.update();
		String recipient = masked(notice);
		if (givingUp) {
			log.error("Notification " + notice.id() + " (" + notice.channel() + " to " + recipient + ") FAILED after "
					+ attempts + " attempts: " + error);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("channel", notice.channel().name());
			details.put("recipient", recipient);
			details.put("attempts", attempts);
			details.put("error", error);
			if (notice.matterId() != null) {
				details.put("matterId", notice.matterId());
			}
			audit.record("NOTIFICATION_FAILED", "notification", notice.id(), details);
		}
		else {
			log.warn("Notification " + notice.id() + " (" + notice.channel() + " to " + recipient + ") attempt "
					+ attempts + " failed, next in " + wait + ": " + error);
		}
	}

	private static String masked(Notice notice) {
		return notice.channel() == Message.Channel.SMS ? PhoneNumbers.mask(notice.recipient())
				: PhoneNumbers.maskAddress(notice.recipient());
	}

	/** The failure and its root cause on one line: enough to tell a refused connection from a refused address. */
	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = firstLine(ex);
		if (root != ex) {
			text += " (cause: " + firstLine(root) + ")";
		}
		return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
	}

	private static String firstLine(Throwable ex) {
		String message = ex.getMessage() == null ? "" : ex.getMessage().lines().findFirst().orElse("");
		return ex.getClass().getSimpleName() + ": " + message;
	}
}
