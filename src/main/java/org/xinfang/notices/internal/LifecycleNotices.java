package org.xinfang.notices.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.xinfang.documents.DocumentRequest;
import org.xinfang.documents.DocumentType;
import org.xinfang.documents.IssuedDocument;
import org.xinfang.documents.OfficialDocuments;
import org.xinfang.handling.Action;
import org.xinfang.handling.MatterActionTaken;
import org.xinfang.notification.Message;
import org.xinfang.notification.Notifications;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;

/**
 * Issues the written notice an action calls for and tells the petitioner about it.
 *
 * <p>A plain synchronous {@link EventListener}, not an {@code @ApplicationModuleListener}: it runs inside the
 * action's transaction, so a committed action always has its notice and its outbox rows, and an action that
 * rolls back (or a notice that cannot be issued, e.g. a delivery date before the opinion was issued) leaves
 * neither. The cost is that a failure here fails the action, which is what the regulation asks for: the
 * decision is made <em>in writing</em> (Regulation Art. 32–36).
 *
 * <p>Which notice: ACCEPT → 受理告知书, REJECT → 不予受理告知书, REJECT_FINAL → 不再受理告知书, APPROVE_EXTENSION →
 * 延期告知书 (Art. 34), APPROVE_REPLY → 处理意见书 (Art. 33, naming the next-higher unit for a review, Art. 35),
 * DECIDE_REVIEW → 复查意见书, DECIDE_REREVIEW → 复核意见书. The issuing unit is the handling unit (the receiving
 * unit before assignment); review opinions are issued by the unit that decided the review. The addressee is the
 * first petitioner by name, unmasked: it is the petitioner's own document; a group visit or a joint petition
 * (联名) is addressed as "王五等12人".
 *
 * <p>Delivery (送达): the 处理意见书 is delivered by the DELIVER action, with its method and date. The other notices
 * are recorded as delivered on the day they are issued, because they are sent to the petitioner right away
 * (the SMS and e-mail below point to the portal, where delivered documents can be downloaded). The approved
 * opinion is not announced until it is delivered.
 *
 * <p>Messages: for each notice and for DELIVER one SMS to every party who left a phone number and one e-mail to
 * every party who left an address (co-petitioners and a group's representatives included), with the
 * deduplication key {@code matter-{id}-{ACTION}-d{documentId}-p{ordinal}-{sms|email}}: a second delivery after a
 * review ordered the matter redone announces its new opinion, while a retried event never sends twice. They
 * carry the tracking code,
 * never the query secret. The matter's facts are read with SQL from the rows the action has just written, in the
 * same transaction (a read model; the modules' Java APIs stay as they are).
 */
@Component
class LifecycleNotices {

	/** Printed when an anonymous report has no named petitioner; such a matter gets no message either. */
	static final String UNNAMED = "信访人";

	private final JdbcClient jdbc;

	private final OfficialDocuments documents;

	private final Notifications notifications;

	private final Units units;

	private final Clock clock;

	LifecycleNotices(JdbcClient jdbc, OfficialDocuments documents, Notifications notifications, Units units,
			Clock clock) {
		this.jdbc = jdbc;
		this.documents = documents;
		this.notifications = notifications;
		this.units = units;
		this.clock = clock;
	}

	@EventListener
	void on(MatterActionTaken event) {
		Action action = event.action();
		switch (action) {
			case ACCEPT:
			case REJECT:
			case REJECT_FINAL:
			case APPROVE_EXTENSION:
			case APPROVE_REPLY:
			case DELIVER:
			case DECIDE_REVIEW:
			case DECIDE_REREVIEW:
				break;
			default:
				return;
		}
		Facts m = facts(event.matterId());
		LocalDate today = LocalDate.now(clock);
		Unit unit = m.deciding();
		IssuedDocument notice;
		switch (action) {
			case ACCEPT:
				// while the handling deadline waits for holiday data, the notice quotes the period itself
				notice = issueDelivered(m, DocumentType.ACCEPTANCE_NOTICE, unit, today, m.handlingDue() != null
						? Map.of("receivedOn", m.receivedOn().toString(), "dueOn", m.handlingDue().toString())
						: Map.of("receivedOn", m.receivedOn().toString(), "handlingDays", String.valueOf(m.handlingDays())));
				tell(m, action, notice, "matter.accepted", unit.name());
				break;
			case REJECT:
				notice = issueDelivered(m, DocumentType.NON_ACCEPTANCE_NOTICE, unit, today,
						Map.of("receivedOn", m.receivedOn().toString(), "reason", m.decisionReason()));
				tell(m, action, notice, "matter.rejected", unit.name());
				break;
			case REJECT_FINAL:
				notice = issueDelivered(m, DocumentType.NO_FURTHER_ACCEPTANCE_NOTICE, unit, today,
						Map.of("receivedOn", m.receivedOn().toString(), "reason", m.decisionReason()));
				tell(m, action, notice, "matter.rejected-final", unit.name());
				break;
			case APPROVE_EXTENSION:
				if (m.handlingDue() != null) {
					notice = issueDelivered(m, DocumentType.EXTENSION_NOTICE, unit, today,
							Map.of("reason", m.extensionReason(), "newDueOn", m.handlingDue().toString()));
					tell(m, action, notice, "matter.extended", m.handlingDue().toString());
				}
				else {
					notice = issueDelivered(m, DocumentType.EXTENSION_NOTICE, unit, today, Map.of("reason",
							m.extensionReason(), "extensionDays", String.valueOf(m.extensionDays())));
					tell(m, action, notice, "matter.extended-by", String.valueOf(m.extensionDays()));
				}
				break;
			case APPROVE_REPLY:
				issueOpinion(m, unit, today);
				break;
			case DELIVER:
				IssuedDocument opinion = undeliveredOpinion(m.id()).orElseGet(() -> issueOpinion(m, unit, today));
				documents.markDelivered(opinion.id(), m.deliveredOn());
				tell(m, action, opinion, "matter.reply-delivered", above(unit).name());
				break;
			case DECIDE_REVIEW:
				decision(m, "REVIEW", DocumentType.REVIEW_OPINION, today, action);
				break;
			case DECIDE_REREVIEW:
				decision(m, "REREVIEW", DocumentType.REREVIEW_OPINION, today, action);
				break;
			default:
				break;
		}
	}

	private IssuedDocument issueOpinion(Facts m, Unit unit, LocalDate today) {
		return documents.issue(request(m, DocumentType.HANDLING_OPINION, unit, today, Map.of("outcome",
				m.replyOutcome(), "text", m.replyText(), "reviewBody", above(unit).name())));
	}

	private void decision(Facts m, String level, DocumentType type, LocalDate today, Action action) {
		Review r = jdbc.sql("""
				SELECT outcome, decision_text, decided_unit_id FROM matter_review WHERE matter_id = :id AND level = :level
				""")
			.param("id", m.id())
			.param("level", level)
			.query((rs, n) -> new Review(rs.getString("outcome"), rs.getString("decision_text"),
					rs.getObject("decided_unit_id", Long.class)))
			.single();
		Unit decidedBy = r.unitId() == null ? m.deciding() : units.byId(r.unitId()).orElseThrow();
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("outcome", r.outcome());
		fields.put("text", r.text());
		if (type == DocumentType.REVIEW_OPINION) {
			fields.put("rereviewBody", above(decidedBy).name());
		}
		tell(m, action, issueDelivered(m, type, decidedBy, today, fields), "matter.review-decided");
	}

	private IssuedDocument issueDelivered(Facts m, DocumentType type, Unit unit, LocalDate today,
			Map<String, String> fields) {
		IssuedDocument issued = documents.issue(request(m, type, unit, today, fields));
		documents.markDelivered(issued.id(), today);
		return issued;
	}

	private static DocumentRequest request(Facts m, DocumentType type, Unit unit, LocalDate today,
			Map<String, String> fields) {
		String addressee = m.addressee() == null ? UNNAMED : m.addressee();
		return new DocumentRequest(m.id(), type, unit.code(), addressee, m.title(), today, fields);
	}

	private Optional<IssuedDocument> undeliveredOpinion(long matterId) {
		return documents.forMatter(matterId)
			.stream()
			.filter(d -> d.type() == DocumentType.HANDLING_OPINION && d.deliveredOn() == null)
			.max(Comparator.comparingLong(IssuedDocument::id));
	}

	/** The next-higher unit, to which a review is requested (Art. 35); a root unit answers for itself. */
	private Unit above(Unit unit) {
		return unit.parentId() == null ? unit : units.byId(unit.parentId()).orElse(unit);
	}

	/**
	 * One SMS and one e-mail to every party who left that contact — each co-petitioner of a joint petition and
	 * each representative of a group visit — once per distinct phone number or address.
	 */
	private void tell(Facts m, Action action, IssuedDocument document, String template, Object... more) {
		List<Object> args = new ArrayList<>();
		args.add(m.trackingCode());
		args.addAll(List.of(more));
		Object[] arguments = args.toArray();
		String key = "matter-" + m.id() + "-" + action.name() + "-d" + document.id() + "-p";
		Set<String> phones = new HashSet<>();
		Set<String> emails = new HashSet<>();
		for (Party p : m.parties()) {
			if (p.phone() != null && !p.phone().isBlank() && phones.add(p.phone())) {
				notifications.enqueue(
						Message.sms(key + p.ordinal() + "-sms", p.phone(), template, arguments).aboutMatter(m.id()));
			}
			if (p.email() != null && !p.email().isBlank() && emails.add(p.email().toLowerCase(Locale.ROOT))) {
				notifications.enqueue(
						Message.email(key + p.ordinal() + "-email", p.email(), template, arguments).aboutMatter(m.id()));
			}
		}
	}

	private Facts facts(long matterId) {
		List<Party> parties = jdbc.sql("""
				SELECT ordinal, name, phone, email FROM petitioner WHERE matter_id = :id ORDER BY ordinal
				""")
			.param("id", matterId)
			.query((rs, n) -> new Party(rs.getInt("ordinal"), rs.getString("name"), rs.getString("phone"),
					rs.getString("email")))
			.list();
		return jdbc.sql("""
				SELECT m.id, m.tracking_code, m.title, m.received_on, coalesce(m.handling_unit_id, m.receiving_unit_id)
				       AS deciding_unit_id, m.decision_reason, m.extension_reason, m.reply_outcome, m.reply_text,
				       m.delivered_on, m.headcount,
				       (SELECT due_date FROM matter_deadline d WHERE d.matter_id = m.id AND d.rule_code = 'HANDLING')
				       AS handling_due,
				       (SELECT amount FROM matter_deadline d WHERE d.matter_id = m.id AND d.rule_code = 'HANDLING')
				       AS handling_days,
				       m.extension_days
				FROM matter m
				WHERE m.id = :id
				""")
			.param("id", matterId)
			.query((rs, n) -> new Facts(rs.getLong("id"), rs.getString("tracking_code"), rs.getString("title"),
					rs.getObject("received_on", LocalDate.class),
					units.byId(rs.getLong("deciding_unit_id")).orElseThrow(), rs.getString("decision_reason"),
					rs.getString("extension_reason"), rs.getString("reply_outcome"), rs.getString("reply_text"),
					rs.getObject("delivered_on", LocalDate.class), rs.getObject("handling_due", LocalDate.class),
					rs.getObject("handling_days", Integer.class), rs.getObject("extension_days", Integer.class),
					rs.getInt("headcount"), parties))
			.single();
	}

	/**
	 * The matter's facts, and its parties in order: the petitioner first, then co-petitioners or a group's
	 * representatives.
	 */
	private record Facts(long id, String trackingCode, String title, LocalDate receivedOn, Unit deciding,
			String decisionReason, String extensionReason, String replyOutcome, String replyText,
			LocalDate deliveredOn, LocalDate handlingDue, Integer handlingDays, Integer extensionDays, int headcount,
			List<Party> parties) {

		/** "王五", or "王五等12人" for a group or a joint petition (联名信访); null for an unnamed report. */
		String addressee() {
			if (parties.isEmpty()) {
				return null;
			}
			int people = Math.max(headcount, parties.size());
			return people > 1 ? parties.get(0).name() + "等" + people + "人" : parties.get(0).name();
		}
	}

	private record Party(int ordinal, String name, String phone, String email) {
	}

	private record Review(String outcome, String text, Long unitId) {
	}
}
