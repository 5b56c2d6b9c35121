package org.xinfang.intake.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.xinfang.calendar.CalendarDataMissingException;
import org.xinfang.calendar.DeadlineSettings;
import org.xinfang.calendar.DueDates;
import org.xinfang.calendar.PeriodRule;
import org.xinfang.calendar.PeriodUnit;
import org.xinfang.intake.AttachmentInfo;
import org.xinfang.intake.Deadline;
import org.xinfang.intake.MatterDetail.PetitionerView;
import org.xinfang.intake.DeadlineState;
import org.xinfang.intake.MatterStatus;
import org.xinfang.intake.TimelineEntry;
import org.xinfang.platform.Localized;

/** Deadlines, timeline and labels of a matter, shared by the writing and the reading side. */
@Component
class MatterRows {

	private final JdbcClient jdbc;

	private final DueDates dueDates;

	private final MessageSource messages;

	private final Clock clock;

	private final int dueSoonDays;

	MatterRows(JdbcClient jdbc, DueDates dueDates, MessageSource messages, Clock clock, DeadlineSettings settings) {
		this.jdbc = jdbc;
		this.dueDates = dueDates;
		this.messages = messages;
		this.clock = clock;
		this.dueSoonDays = settings.dueSoonDays();
	}

	List<Deadline> deadlines(long matterId) {
		Namer namer = namer();
		return jdbc.sql("""
				SELECT d.rule_code, d.due_date, d.met_on, d.start_date, d.amount, d.unit,
				       (SELECT count(*) FROM matter_deadline_addition a
				        WHERE a.matter_id = d.matter_id AND a.rule_code = d.rule_code) AS additions
				FROM matter_deadline d WHERE d.matter_id = :id ORDER BY d.due_date, d.rule_code
				""")
			.param("id", matterId)
			.query((rs, n) -> namer.deadline(rs))
			.list();
	}

	/**
	 * Names and states deadlines against one snapshot of the rule table and one "today", so a page of
	 * matters costs one look at the rules, not one per row.
	 */
	Namer namer() {
		return new Namer(dueDates.rules(), LocalDate.now(clock));
	}

	final class Namer {

		private final Map<String, PeriodRule> rules;

		private final LocalDate today;

		private Namer(Map<String, PeriodRule> rules, LocalDate today) {
			this.rules = rules;
			this.today = today;
		}

		/**
		 * From a row with {@code rule_code, due_date, met_on, start_date, amount, unit, additions}; the last
		 * four are read only for a pending deadline.
		 */
		Deadline deadline(ResultSet rs) throws SQLException {
			String rule = rs.getString("rule_code");
			LocalDate due = rs.getObject("due_date", LocalDate.class);
			LocalDate metOn = rs.getObject("met_on", LocalDate.class);
			PeriodRule r = rules.get(rule);
			String name = r == null ? label("deadline.rule." + rule) : Localized.pick(r.nameZh(), r.nameEn());
			Deadline.Pending pending = null;
			if (due == null) {
				pending = pending(rs.getObject("start_date", LocalDate.class), rs.getInt("amount"),
						PeriodUnit.valueOf(rs.getString("unit")), rs.getInt("additions"));
			}
			return new Deadline(rule, name, due, metOn, DeadlineState.of(due, metOn, today, dueSoonDays), pending);
		}

		private Deadline.Pending pending(LocalDate from, int amount, PeriodUnit unit, int additions) {
			Integer year = null;
			try {
				dueDates.dueDate(from, amount, unit);
			}
			catch (CalendarDataMissingException ex) {
				year = (Integer) ex.properties().get("year");
			}
			Locale locale = LocaleContextHolder.getLocale();
			String period = messages.getMessage("deadline.pending.period",
					new Object[] { from.toString(), amount, label("deadline.unit." + unit.name()) }, locale);
			String note = year == null ? messages.getMessage("deadline.pending.settling", new Object[] { period }, locale)
					: messages.getMessage("deadline.pending.awaiting", new Object[] { period, String.valueOf(year) },
							locale);
			if (additions > 0) {
				note = note + messages.getMessage("deadline.pending.additions", new Object[] { additions }, locale);
			}
			return new Deadline.Pending(from, amount, unit, additions, year, note);
		}
	}

	List<TimelineEntry> timeline(long matterId, boolean publicOnly) {
		return jdbc.sql("""
				SELECT at, type, actor, note FROM matter_event
				WHERE matter_id = :id AND (public OR NOT :publicOnly) ORDER BY at, id
				""")
			.param("id", matterId)
			.param("publicOnly", publicOnly)
			.query((rs, n) -> new TimelineEntry(local(rs.getObject("at", OffsetDateTime.class)), rs.getString("type"),
					label("matter.event." + rs.getString("type")), rs.getString("actor"), rs.getString("note")))
			.list();
	}

	/** The matter's petitioners as entered, unmasked: callers decide what the viewer may see. */
	List<PetitionerView> petitioners(long matterId) {
		return jdbc.sql("""
				SELECT ordinal, name, phone, id_number, address, email, representative
				FROM petitioner WHERE matter_id = :id ORDER BY ordinal
				""")
			.param("id", matterId)
			.query((p, i) -> new PetitionerView(p.getInt("ordinal"), p.getString("name"), p.getString("phone"),
					p.getString("id_number"), p.getString("address"), p.getString("email"),
					p.getBoolean("representative")))
			.list();
	}

	/** Everything that identifies the petitioners, for {@link IdentityMasking#redact}. */
	static List<String> identityWords(List<PetitionerView> petitioners) {
		List<String> words = new ArrayList<>();
		for (PetitionerView p : petitioners) {
			Stream.of(p.name(), p.phone(), p.idNumber(), p.address(), p.email()).filter(Objects::nonNull).forEach(words::add);
		}
		return words;
	}

	List<AttachmentInfo> attachments(long matterId) {
		return jdbc.sql("""
				SELECT id, filename, content_type, size, sha256, uploaded_at FROM attachment
				WHERE matter_id = :id ORDER BY id
				""")
			.param("id", matterId)
			.query((a, i) -> new AttachmentInfo(a.getLong("id"), a.getString("filename"), a.getString("content_type"),
					a.getLong("size"), a.getString("sha256"), local(a.getObject("uploaded_at", OffsetDateTime.class))))
			.list();
	}

	/** Instants as read from the database are in UTC; show them in the configured zone. */
	OffsetDateTime local(OffsetDateTime at) {
		return at == null ? null : at.atZoneSameInstant(clock.getZone()).toOffsetDateTime();
	}

	void event(long matterId, OffsetDateTime at, String type, String actor, String note, boolean isPublic) {
		jdbc.sql("""
				INSERT INTO matter_event (matter_id, at, type, actor, note, public)
				VALUES (:id, :at, :type, :actor, :note, :public)
				""")
			.param("id", matterId)
			.param("at", at)
			.param("type", type)
			.param("actor", actor)
			.param("note", note)
			.param("public", isPublic)
			.update();
	}

	String statusLabel(MatterStatus status) {
		return label("matter.status." + status.name());
	}

	String label(String code) {
		return messages.getMessage(code, null, code, LocaleContextHolder.getLocale());
	}

}
