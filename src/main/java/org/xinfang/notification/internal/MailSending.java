package org.xinfang.notification.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP with Spring Boot's {@link JavaMailSender}, configured by {@code spring.mail.*}. Without
 * {@code spring.mail.host} there is no sender, and each attempt fails (and is retried) with a message
 * saying so, rather than the notices being dropped.
 */
@Component
class MailSending {

	private final ObjectProvider<JavaMailSender> mailSender;

	private final NotificationSettings settings;

	MailSending(ObjectProvider<JavaMailSender> mailSender, NotificationSettings settings) {
		this.mailSender = mailSender;
		this.settings = settings;
	}

	void send(String to, String subject, String body) {
		JavaMailSender sender = mailSender.getIfAvailable();
		if (sender == null) {
			throw new MailSendException("no SMTP server configured (spring.mail.host)");
		}
		try {
			MimeMessage mime = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
			helper.setFrom(settings.mailFrom());
			helper.setTo(to);
			helper.setSubject(subject);
			helper.setText(body, false);
			sender.send(mime);
		}
		catch (MessagingException ex) {
			throw new MailSendException("could not build the e-mail", ex);
		}
	}
}
