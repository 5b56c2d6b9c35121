package org.xinfang.intake.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.intake.IdentityReveals;
import org.xinfang.intake.Kind;
import org.xinfang.intake.RevealedIdentity;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.InvalidInput;

/**
 * Reveals of protected identities, kept in {@code identity_reveal} and audited ({@code IDENTITY_REVEALED} with
 * the reason; {@code PROTECTED_MATERIAL_DOWNLOADED} for each download under a reveal). The rules are
 * {@link IdentityMasking}'s. A refused reveal leaves no trace beyond the 403: it changes nothing and shows
 * nothing.
 */
@Service
class JdbcIdentityReveals implements IdentityReveals {

	static final int MAX_REASON = 500;

	private final JdbcClient jdbc;

	private final MatterRows rows;

	private final CurrentUser currentUser;

	private final AuditLog audit;

	private final MessageSource messages;

	private final Clock clock;

	private final Duration validFor;

	JdbcIdentityReveals(JdbcClient jdbc, MatterRows rows, CurrentUser currentUser, AuditLog audit,
			MessageSource messages, Clock clock,
			@Value("${xinfang.intake.reveal-valid-for:PT15M}") Duration validFor) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.currentUser = currentUser;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
		this.validFor = validFor;
	}

	private record Target(long id, String trackingCode, boolean protectedMatter, String concernedPath) {
	}

	/** The matter, if the user can see it (receiving, concerned or handling unit in their subtree). */
	private Optional<Target> visible(long matterId, StaffPrincipal user) {
		return jdbc.sql("""
				SELECT m.id, m.tracking_code, m.kind, m.concerned_unit_complained_about, ru.path AS ru_path,
				       cu.path AS cu_path, hu.path AS hu_path
				FROM matter m JOIN unit ru ON ru.id = m.receiving_unit_id
				LEFT JOIN unit cu ON cu.id = m.concerned_unit_id LEFT JOIN unit hu ON hu.id = m.handling_unit_id
				WHERE m.id = :id
				""")
			.param("id", matterId)
			.query((rs, n) -> user.canSee(rs.getString("ru_path")) || user.canSee(rs.getString("cu_path"))
					|| user.canSee(rs.getString("hu_path"))
							? new Target(rs.getLong("id"), rs.getString("tracking_code"),
									IdentityMasking.isProtected(Kind.valueOf(rs.getString("kind")),
											rs.getBoolean("concerned_unit_complained_about")),
									rs.getString("cu_path"))
							: null)
			.list()
			.stream()
			.filter(Objects::nonNull)
			.findFirst();
	}

	@Override
	@Transactional
	public RevealedIdentity reveal(long matterId, String reason) {
		StaffPrincipal user = currentUser.require();
		Target target = visible(matterId, user).orElseThrow(() -> DomainException.notFound("Matter"));
		if (!target.protectedMatter()) {
			throw DomainException.conflict("identity-not-protected",
					"Nothing is masked on this matter: its petitioners are shown on the matter itself");
		}
		if (!IdentityMasking.mayReveal(target.concernedPath(), user)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "identity-reveal-forbidden",
					"Only a registrar, unit head or leader outside the unit complained about may reveal the identity");
		}
		String why = MatterValidation.trim(reason);
		if (why == null) {
			throw InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", "reason", message("intake.invalid.required"));
		}
		if (why.length() > MAX_REASON) {
			throw InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", "reason",
					message("intake.invalid.too-long", MAX_REASON));
		}
		OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
		long id = jdbc.sql("""
				INSERT INTO identity_reveal (matter_id, revealed_by, unit_id, reason, at)
				VALUES (:matter, :user, :unit, :reason, :at) RETURNING id
				""")
			.param("matter", matterId)
			.param("user", user.username())
			.param("unit", user.unitId())
			.param("reason", why)
			.param("at", now)
			.query(Long.class)
			.single();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("revealId", id);
		details.put("unit", user.unitCode());
		details.put("reason", why);
		audit.record("IDENTITY_REVEALED", "matter", matterId, details);
		return new RevealedIdentity(id, matterId, target.trackingCode(), why, rows.local(now),
				rows.local(now.plus(validFor)), rows.petitioners(matterId), rows.attachments(matterId));
	}

	@Override
	@Transactional
	public void authoriseMaterial(long matterId, String material, long materialId, Long revealId) {
		StaffPrincipal user = currentUser.require();
		boolean attachment = "attachment".equals(material);
		Target target = visible(matterId, user)
			.orElseThrow(() -> DomainException.notFound(attachment ? "Attachment" : "Matter"));
		if (!target.protectedMatter()) {
			return;
		}
		if (IdentityMasking.insideComplainedAbout(target.concernedPath(), user)) {
			if (attachment) {
				// never listed to them: for the unit complained about the reporter's materials do not exist
				throw DomainException.notFound("Attachment");
			}
			throw new DomainException(HttpStatus.FORBIDDEN, "identity-protected",
					"This document names the petitioner, who is protected from the unit complained about");
		}
		boolean live = revealId != null && IdentityMasking.mayReveal(target.concernedPath(), user) && jdbc.sql("""
				SELECT count(*) FROM identity_reveal
				WHERE id = :id AND matter_id = :matter AND revealed_by = :user AND at > :since
				""")
			.param("id", revealId)
			.param("matter", matterId)
			.param("user", user.username())
			.param("since", OffsetDateTime.now(clock).minus(validFor))
			.query(Long.class)
			.single() > 0;
		if (!live) {
			throw new DomainException(HttpStatus.FORBIDDEN, "identity-reveal-required",
					"This material identifies a protected petitioner: reveal the identity first, giving a reason");
		}
		audit.record("PROTECTED_MATERIAL_DOWNLOADED", "matter", matterId,
				Map.of("revealId", revealId, "material", material, "materialId", materialId));
	}

	private String message(String code, Object... args) {
		return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
	}
}
