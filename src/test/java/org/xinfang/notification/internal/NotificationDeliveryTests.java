package org.xinfang.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.audit.AuditTrail;
import org.xinfang.notification.Message;
import org.xinfang.notification.Notice;
import org.xinfang.notification.Notifications;
import org.xinfang.support.XinfangTest;

/**
 * The outbox against a real SMTP server (GreenMail) and the real database. Every notification test lives
 * here so that the SMTP settings cost one extra Spring context only. The tests drive the dispatcher
 * themselves; "time travel" moves a message's next attempt into the past.
 */
@XinfangTest
class NotificationDeliveryTests {

	static final int MAX_ATTEMPTS = 4;

	static final int SMTP_PORT = freePort();

	static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static boolean smtpRunning;

	@DynamicPropertySource
	static void notificationSettings(DynamicPropertyRegistry properties) {
		properties.add("spring.mail.host", () -> "127.0.0.1");
		properties.add("spring.mail.port", () -> SMTP_PORT);
		properties.add("xinfang.notification.mail-from", () -> "xinfang@wjw.example.cn");
		properties.add("xinfang.notification.batch-size", () -> 5);
		properties.add("xinfang.notification.max-attempts", () -> MAX_ATTEMPTS);
		properties.add("xinfang.notification.initial-backoff", () -> "PT1M");
		properties.add("xinfang.notification.max-backoff", () -> "PT1H");
		// the scheduled job exists in this context but never fires by itself: the tests call it
		properties.add("xinfang.notification.dispatcher.enabled", () -> true);
		properties.add("xinfang.notification.dispatcher.initial-delay", () -> "PT24H");
		properties.add("xinfang.notification.dispatcher.interval", () -> "PT24H");
	}

	@Autowired
	Notifications notifications;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	DispatchSchedule schedule;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail auditTrail;

	@Autowired
	PlatformTransactionManager transactions;

	@BeforeEach
	void smtpUp() {
		startSmtp();
	}

	@AfterAll
	static void smtpDown() {
		stopSmtp();
	}

	@Test
	void committedNoticeIsDeliveredOnceWithItsChineseSubjectAndBody() throws Exception {
		String to = address();
		String key = "matter-42-ACCEPTED-" + to;

		inTransaction(() -> notifications.enqueue(Message.email(key, to, "matter.accepted", "XF2026ABC", "县卫生健康委员会")));
		drain();
		drain();

		MimeMessage[] mails = mailsTo(to);
		assertThat(mails).hasSize(1);
		MimeMessage mail = mails[0];
		assertThat(mail.getSubject()).isEqualTo("【信访】受理告知（查询码 XF2026ABC）");
		assertThat(mail.getHeader("Subject")[0]).as("encoded on the wire").startsWith("=?UTF-8?");
		assertThat(mail.getFrom()[0].toString()).isEqualTo("xinfang@wjw.example.cn");
		assertThat(mail.getContentType()).containsIgnoringCase("charset=UTF-8");
		assertThat((String) mail.getContent())
			.contains("您的信访事项（查询码 XF2026ABC）已由县卫生健康委员会受理，将依法按期办理。");
		Notice notice = notifications.find(key).orElseThrow();
		assertThat(notice.status()).isEqualTo(Notice.Status.SENT);
		assertThat(notice.attempts()).isEqualTo(1);
		assertThat(notice.sentAt()).isNotNull();
	}

	@Test
	void englishNoticeIsRenderedFromTheEnglishBundle() throws Exception {
		String to = address();
		inTransaction(() -> notifications.enqueue(
				Message.email("en-" + to, to, "matter.extended", "XF2026EN", "2026-03-02").in(java.util.Locale.ENGLISH)));
		drain();

		assertThat(mailsTo(to)).singleElement()
			.satisfies(m -> assertThat(m.getSubject()).isEqualTo("[Petition] Notice of extension (tracking code XF2026EN)"));
	}

	@Test
	void rolledBackChangeSendsNothing() {
		String to = address();
		String key = "rolled-back-" + to;

		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			notifications.enqueue(Message.email(key, to, "matter.accepted", "XF1", "县卫生健康委员会"));
			status.setRollbackOnly();
		});
		drain();

		assertThat(notifications.find(key)).isEmpty();
		assertThat(mailsTo(to)).isEmpty();
	}

	@Test
	void enqueueOutsideATransactionIsRefused() {
		String to = address();
		assertThatThrownBy(() -> notifications.enqueue(Message.email("no-tx-" + to, to, "matter.accepted", "XF1", "x")))
			.isInstanceOf(IllegalTransactionStateException.class);
	}

	@Test
	void sameDeduplicationKeyTwiceSendsOneMail() {
		String to = address();
		String key = "matter-7-REPLY_DELIVERED-" + to;

		assertThat(inTransaction(() -> notifications.enqueue(Message.email(key, to, "matter.reply-delivered", "XF7", "市卫生健康委员会")))).isTrue();
		assertThat(inTransaction(() -> notifications.enqueue(Message.email(key, to, "matter.reply-delivered", "XF7", "市卫生健康委员会")))).isFalse();
		drain();
		assertThat(inTransaction(() -> notifications.enqueue(Message.email(key, to, "matter.reply-delivered", "XF7", "市卫生健康委员会")))).isFalse();
		drain();

		assertThat(mailsTo(to)).hasSize(1);
	}

	@Test
	void smtpDownIsRetriedWithExponentialBackoffAndDeliveredWhenBack() {
		String to = address();
		String key = "retry-" + to;
		stopSmtp();
		inTransaction(() -> notifications.enqueue(Message.email(key, to, "matter.accepted", "XF9", "县卫生健康委员会")));

		drain();
		Notice first = notifications.find(key).orElseThrow();
		assertThat(first.status()).isEqualTo(Notice.Status.PENDING);
		assertThat(first.attempts()).isEqualTo(1);
		assertThat(first.lastError()).isNotBlank();
		assertThat(Duration.between(first.lastAttemptAt(), first.nextAttemptAt())).isEqualTo(Duration.ofMinutes(1));

		drain(); // not due yet: no attempt
		assertThat(notifications.find(key).orElseThrow().attempts()).isEqualTo(1);

		travelToNextAttempt(key);
		drain();
		Notice second = notifications.find(key).orElseThrow();
		assertThat(second.attempts()).isEqualTo(2);
		assertThat(Duration.between(second.lastAttemptAt(), second.nextAttemptAt())).isEqualTo(Duration.ofMinutes(2));

		startSmtp();
		travelToNextAttempt(key);
		drain();

		Notice sent = notifications.find(key).orElseThrow();
		assertThat(sent.status()).isEqualTo(Notice.Status.SENT);
		assertThat(sent.attempts()).isEqualTo(3);
		assertThat(sent.lastError()).isNull();
		assertThat(mailsTo(to)).hasSize(1);
	}

	@Test
	void afterTheLastAttemptTheNoticeIsFailedAuditedAndNotRetried() {
		String to = address();
		String key = "fails-" + to;
		stopSmtp();
		inTransaction(() -> notifications.enqueue(Message.email(key, to, "matter.accepted", "XF10", "县卫生健康委员会")));

		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			travelToNextAttempt(key);
			drain();
		}
		Notice failed = notifications.find(key).orElseThrow();
		assertThat(failed.status()).isEqualTo(Notice.Status.FAILED);
		assertThat(failed.attempts()).isEqualTo(MAX_ATTEMPTS);
		assertThat(failed.sentAt()).isNull();
		assertThat(auditTrail.forEntity("notification", failed.id()))
			.extracting(AuditTrail.Entry::action)
			.containsExactly("NOTIFICATION_FAILED");
		assertThat(auditTrail.forEntity("notification", failed.id()).get(0).details())
			.contains("t***@example.cn".replace("t", to.substring(0, 1)))
			.doesNotContain(to);

		startSmtp();
		travelToNextAttempt(key);
		drain();
		assertThat(notifications.find(key).orElseThrow().status()).isEqualTo(Notice.Status.FAILED);
		assertThat(mailsTo(to)).isEmpty();
	}

	@Test
	void twoDispatchersRunningAtOnceNeverSendAMessageTwice() throws Exception {
		List<String> recipients = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			recipients.add(address());
		}
		inTransaction(() -> {
			recipients.forEach(to -> notifications.enqueue(Message.email("parallel-" + to, to, "matter.accepted", "XF" + to.hashCode(), "县卫生健康委员会")));
			return null;
		});

		ExecutorService threads = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				runs.add(threads.submit(() -> {
					start.await();
					int claimed = 0;
					for (int n; (n = dispatcher.dispatchDue()) > 0;) {
						claimed += n;
					}
					return claimed;
				}));
			}
			start.countDown();
			int total = 0;
			for (Future<Integer> run : runs) {
				total += run.get(60, TimeUnit.SECONDS);
			}
			assertThat(total).as("claims over both dispatchers").isGreaterThanOrEqualTo(recipients.size());
		}
		finally {
			threads.shutdownNow();
		}

		for (String to : recipients) {
			assertThat(mailsTo(to)).as(to).hasSize(1);
			assertThat(notifications.find("parallel-" + to).orElseThrow().status()).isEqualTo(Notice.Status.SENT);
		}
	}

	@Test
	void smsGoesThroughTheRecordingGateway() {
		String phone = "139" + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
		String key = "matter-42-ACCEPTED-sms-" + phone;

		inTransaction(() -> notifications.enqueue(Message.sms(key, phone, "matter.accepted", "XF2026SMS", "县卫生健康委员会")));
		drain();
		drain();

		assertThat(jdbc.sql("SELECT text FROM sms_message WHERE phone = :phone").param("phone", phone).query(String.class).list())
			.containsExactly("【信访】您的信访事项（查询码XF2026SMS）已由县卫生健康委员会受理，受理告知书可在网上信访平台查阅。");
		Notice notice = notifications.find(key).orElseThrow();
		assertThat(notice.status()).isEqualTo(Notice.Status.SENT);
		assertThat(notice.subject()).isNull();
	}

	@Test
	void scheduledJobSendsDueNotices() {
		String to = address();
		inTransaction(() -> notifications.enqueue(Message.text("scheduled-" + to, Message.Channel.EMAIL, to, "测试主题", "测试正文")));

		schedule.dispatch();

		assertThat(mailsTo(to)).hasSize(1);
	}

	private void drain() {
		while (dispatcher.dispatchDue() > 0) {
			// until nothing is due
		}
	}

	private void travelToNextAttempt(String key) {
		jdbc.sql("UPDATE notification SET next_attempt_at = now() - interval '1 second' WHERE dedup_key = :key")
			.param("key", key)
			.update();
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		return new TransactionTemplate(transactions).execute(status -> work.get());
	}

	private static String address() {
		return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@example.cn";
	}

	private static MimeMessage[] mailsTo(String address) {
		return java.util.Arrays.stream(smtp.getReceivedMessages())
			.filter(m -> {
				try {
					return java.util.Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
				}
				catch (jakarta.mail.MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			})
			.toArray(MimeMessage[]::new);
	}

	private static synchronized void startSmtp() {
		if (!smtpRunning) {
			smtp.start();
			smtpRunning = true;
		}
	}

	private static synchronized void stopSmtp() {
		if (smtpRunning) {
			smtp.stop();
			smtpRunning = false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
