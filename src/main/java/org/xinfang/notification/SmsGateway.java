package org.xinfang.notification;

/**
 * Sends a text message. The default implementation records messages in the table {@code sms_message}
 * instead of sending them; to send for real, declare a bean implementing this interface with
 * {@code @Primary} (e.g. an adapter for the province's SMS platform). An implementation throws on failure,
 * and the dispatcher retries.
 */
public interface SmsGateway {

	void send(String phone, String text);
}
