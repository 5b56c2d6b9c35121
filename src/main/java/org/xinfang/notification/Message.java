package org.xinfang.notification;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One notice to enqueue. Its text is either a template from the {@code i18n/notification} bundle
 * ({@code notification.<templateKey>.subject} / {@code .body}, positional {@code {0}} arguments) rendered in
 * {@code locale} when enqueued, or a ready subject and body. The deduplication key names the occasion
 * (e.g. {@code matter-42-ACCEPTED-sms}): enqueueing a key a second time does nothing, so a retried command
 * or a redelivered event never notifies twice.
 *
 * @param matterId the matter the notice is about, or {@code null}
 * @param recipient an e-mail address for {@link Channel#EMAIL}, a phone number for {@link Channel#SMS}
 * @param subject the subject for e-mail (ignored for SMS); with a template, rendered from it
 */
public record Message(Long matterId, Channel channel, String recipient, String templateKey, List<Object> arguments,
		String subject, String body, String deduplicationKey, Locale locale) {

	/** Petitioners are addressed in Chinese unless a message says otherwise. */
	public static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;

	public enum Channel {
		EMAIL, SMS
	}

	public Message {
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(deduplicationKey, "deduplicationKey");
		if (recipient == null || recipient.isBlank()) {
			throw new IllegalArgumentException("a message needs a recipient");
		}
		if ((templateKey == null) == (body == null)) {
			throw new IllegalArgumentException("a message has either a template key or a body, not both");
		}
		arguments = arguments == null ? List.of() : List.copyOf(arguments);
		locale = locale == null ? DEFAULT_LOCALE : locale;
	}

	/** An e-mail rendered from the template {@code notification.<templateKey>.subject/body}. */
	public static Message email(String deduplicationKey, String address, String templateKey, Object... arguments) {
		return new Message(null, Channel.EMAIL, address, templateKey, List.of(arguments), null, null,
				deduplicationKey, null);
	}

	/** A text message rendered from the template {@code notification.<templateKey>.sms}. */
	public static Message sms(String deduplicationKey, String phone, String templateKey, Object... arguments) {
		return new Message(null, Channel.SMS, phone, templateKey, List.of(arguments), null, null, deduplicationKey,
				null);
	}

	/** A message whose text is given as is, not rendered from a template. */
	public static Message text(String deduplicationKey, Channel channel, String recipient, String subject,
			String body) {
		return new Message(null, channel, recipient, null, List.of(), subject, body, deduplicationKey, null);
	}

	public Message aboutMatter(long id) {
		return new Message(id, channel, recipient, templateKey, arguments, subject, body, deduplicationKey, locale);
	}

	public Message in(Locale newLocale) {
		return new Message(matterId, channel, recipient, templateKey, arguments, subject, body, deduplicationKey,
				newLocale);
	}
}
