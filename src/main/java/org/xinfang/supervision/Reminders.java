package org.xinfang.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.xinfang.supervision.MeasureRefs.MatterRef;
import org.xinfang.supervision.MeasureRefs.UnitCount;
import org.xinfang.supervision.MeasureRefs.UnitRef;

/**
 * Reminders (提醒, DOMAIN §6) to a unit about one or more matters or a special assignment. A <em>general</em>
 * reminder is a text message, through the notification outbox, to the unit's officials — its enabled unit
 * heads and leaders with a phone number (staff users, never petitioners); it is refused when none has one. An
 * <em>important</em> reminder is a formal, numbered reminder letter (督办提醒函, PDF) naming the matters and the
 * date to respond by (set by the supervisor, or the period rule {@code REMINDER_RESPONSE} from today).
 *
 * <p>The unit acknowledges (SENT → ACKNOWLEDGED) and responds in writing (→ RESPONDED); each once. Supervisors
 * issue reminders to units in their subtree; a step of a special assignment past its due date raises a general
 * one by itself (recorded, and texted to whoever of the unit's officials has a phone, even if none has), and a
 * confirmed bulletin proposal an important one (issued in the confirming supervisor's unit's name). Every change is audited ({@code reminder}).
 * The list by unit subtree shows how often each unit was reminded, so "reminded twice in a row" can be seen.
 */
public interface Reminders {

	Reminder remind(NewReminder reminder);

	Optional<Reminder> find(long id);

	Reminder acknowledge(long id);

	Reminder respond(long id, String response);

	/** The reminders of the unit's subtree issued in the period (each bound optional), newest first. */
	List<Reminder> list(String unitCode, LocalDate from, LocalDate to);

	/** The 督办提醒函 of an important reminder. */
	Optional<byte[]> letter(long id);

	/** For dashboards and the yearly assessment: the reminders of the subtree issued in the period. */
	List<Reminder> issuedIn(long rootUnitId, LocalDate from, LocalDate to);

	/** Per unit of the subtree: how many reminders it received in the period, most first. */
	List<UnitCount> countByUnit(long rootUnitId, LocalDate from, LocalDate to);

	enum Kind {
		GENERAL, IMPORTANT
	}

	enum Status {
		SENT, ACKNOWLEDGED, RESPONDED
	}

	/**
	 * @param kind {@code GENERAL} or {@code IMPORTANT}
	 * @param matterIds the matters the reminder is about, by tracking code or id (each visible to the supervisor)
	 * @param respondBy for an important reminder; null: by the rule {@code REMINDER_RESPONSE}
	 * @param assignmentId a special assignment of the same unit the reminder is about, or null
	 */
	record NewReminder(String unitCode, String kind, String reason, List<String> matterIds, Long assignmentId,
			LocalDate respondBy) {
	}

	/**
	 * @param recipients the officials texted (username and phone) for a general reminder
	 * @param overdue an important reminder not responded to after its date
	 */
	record Reminder(long id, String number, Kind kind, UnitRef unit, UnitRef issuingUnit, String reason,
			LocalDate respondBy, Long assignmentId, String assignmentStep, Long proposalId, Status status,
			LocalDate issuedOn, String createdBy, List<MatterRef> matters, List<String> recipients,
			String acknowledgedBy, OffsetDateTime acknowledgedAt, String response, String respondedBy,
			OffsetDateTime respondedAt, boolean overdue) {
	}
}
