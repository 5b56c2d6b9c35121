package org.xinfang.notification.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.xinfang.notification.SmsGateway;

/**
 * The default gateway: records each text in {@code sms_message} instead of sending it, so that
 * installations without an SMS contract (and the tests) see what would have been sent. A real gateway is a
 * {@code @Primary} {@link SmsGateway} bean.
 */
@Component
class RecordingSmsGateway implements SmsGateway {

	private static final Log log = LogFactory.getLog(RecordingSmsGateway.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	RecordingSmsGateway(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void send(String phone, String text) {
		jdbc.sql("INSERT INTO sms_message (phone, text, sent_at) VALUES (:phone, :text, :at)")
			.param("phone", phone)
			.param("text", text)
			.param("at", OffsetDateTime.now(clock))
			.update();
		log.info("SMS to " + PhoneNumbers.mask(phone) + " recorded (no SMS gateway configured)");
	}
}
