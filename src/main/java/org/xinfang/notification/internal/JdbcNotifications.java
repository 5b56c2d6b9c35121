package org.xinfang.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.notification.Message;
import org.xinfang.notification.Notice;
import org.xinfang.notification.Notifications;

@Component
@EnableConfigurationProperties(NotificationSettings.class)
class JdbcNotifications implements Notifications {

	private final JdbcClient jdbc;

	private final MessageSource texts;

	private final Clock clock;

	JdbcNotifications(JdbcClient jdbc, MessageSource texts, Clock clock) {
		this.jdbc = jdbc;
		this.texts = texts;
		this.clock = clock;
	}

	/**
	 * Renders the text now, so a queued notice says what was true when it was caused even if the templates
	 * change before it is sent. MANDATORY: a notice without the caller's transaction could go out for a
	 * change that then rolls back.
	 */
	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean enqueue(Message message) {
		String subject = message.subject();
		String body = message.body();
		if (message.templateKey() != null) {
			Object[] args = message.arguments().toArray();
			String prefix = "notification." + message.templateKey();
			if (message.channel() == Message.Channel.EMAIL) {
				subject = texts.getMessage(prefix + ".subject", args, message.locale());
				body = texts.getMessage(prefix + ".body", args, message.locale());
			}
			else {
				body = texts.getMessage(prefix + ".sms", args, message.locale());
			}
		}
		if (message.channel() == Message.Channel.EMAIL && (subject == null || subject.isBlank())) {
			throw new IllegalArgumentException("an e-mail needs a subject");
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		int inserted = jdbc.sql("""
				INSERT INTO notification (matter_id, channel, recipient, template_key, subject, body, dedup_key,
				                          created_at, next_attempt_at)
				VALUES (:matterId, :channel, :recipient, :templateKey, :subject, :body, :dedupKey, :now, :now)
				ON CONFLICT (dedup_key) DO NOTHING
				""")
			.param("matterId", message.matterId())
			.param("channel", message.channel().name())
			.param("recipient", message.recipient().trim())
			.param("templateKey", message.templateKey())
			.param("subject", message.channel() == Message.Channel.EMAIL ? subject : null)
			.param("body", body)
			.param("dedupKey", message.deduplicationKey())
			.param("now", now)
			.update();
		return inserted == 1;
	}

	@Override
	public Optional<Notice> find(String deduplicationKey) {
		return jdbc.sql("SELECT * FROM notification WHERE dedup_key = :key")
			.param("key", deduplicationKey)
			.query(JdbcNotifications::notice)
			.optional();
	}

	static Notice notice(ResultSet rs, int row) throws SQLException {
		return new Notice(rs.getLong("id"), rs.getObject("matter_id", Long.class),
				Message.Channel.valueOf(rs.getString("channel")), rs.getString("recipient"), rs.getString("subject"),
				rs.getString("body"), rs.getString("dedup_key"), Notice.Status.valueOf(rs.getString("status")),
				rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class),
				rs.getObject("last_attempt_at", OffsetDateTime.class), rs.getString("last_error"),
				rs.getObject("sent_at", OffsetDateTime.class));
	}
}
