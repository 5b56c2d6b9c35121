package org.xinfang.intake.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.xinfang.intake.AllowedActions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.audit.AuditLog;
import org.xinfang.calendar.CalendarDataMissingException;
import org.xinfang.calendar.DueDates;
import org.xinfang.intake.AttachmentInfo;
import org.xinfang.intake.Channel;
import org.xinfang.platform.FieldProblem;
import org.xinfang.intake.Intake;
import org.xinfang.platform.InvalidInput;
import org.xinfang.intake.MatterDeadlines;
import org.xinfang.intake.MatterRegistered;
import org.xinfang.intake.MatterStatus;
import org.xinfang.intake.NewPetitioner;
import org.xinfang.intake.OnlinePetition;
import org.xinfang.intake.RegisterMatter;
import org.xinfang.intake.Registered;
import org.xinfang.intake.RepeatRequestLinked;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.Hashing;
import tools.jackson.databind.json.JsonMapper;

@Service
class JdbcIntake implements Intake {

	static final String TRIAGE = "TRIAGE";

	private static final Log log = LogFactory.getLog(JdbcIntake.class);

	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:-]{16,100}");

	private static final Duration REPLAY_FOR = Duration.ofHours(24);

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final MatterValidation validation;

	private final MatterRows rows;

	private final Units units;

	private final CurrentUser currentUser;

	private final DueDates dueDates;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final JsonMapper json;

	private final String onlineReceivingUnit;

	private final long maxAttachmentBytes;

	private final int maxAttachments;

	private final ObjectProvider<AllowedActions> allowedActions;

	private final MatterDeadlines deadlines;

	JdbcIntake(JdbcClient jdbc, TransactionTemplate tx, MatterValidation validation, MatterRows rows, Units units,
			CurrentUser currentUser, DueDates dueDates, AuditLog audit, ApplicationEventPublisher events, Clock clock,
			JsonMapper json, @Value("${xinfang.intake.online-receiving-unit:}") String onlineReceivingUnit,
			@Value("${xinfang.intake.attachments.max-bytes:10485760}") long maxAttachmentBytes,
			@Value("${xinfang.intake.attachments.max-count:10}") int maxAttachments,
			ObjectProvider<AllowedActions> allowedActions, MatterDeadlines deadlines) {
		this.allowedActions = allowedActions;
		this.deadlines = deadlines;
		this.jdbc = jdbc;
		this.tx = tx;
		this.validation = validation;
		this.rows = rows;
		this.units = units;
		this.currentUser = currentUser;
		this.dueDates = dueDates;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.json = json;
		this.onlineReceivingUnit = onlineReceivingUnit;
		this.maxAttachmentBytes = maxAttachmentBytes;
		this.maxAttachments = maxAttachments;
	}

	@Override
	public Registered register(RegisterMatter matter, String idempotencyKey) {
		StaffPrincipal registrar = currentUser.require();
		String key = idempotencyKey(idempotencyKey);
		MatterValidation.Valid v = validation.staff(matter);
		String fingerprint = fingerprint(key, matter);
		return withAllowedActions(idempotent(key, fingerprint, () -> {
			lockPetitioners(v.petitioners());
			Optional<Earlier> earlier = earlier(v);
			if (earlier.isPresent() && earlier.get().open()) {
				Registered linked = linkRepeat(earlier.get().id(), v.channel(), registrar.username());
				if (key != null) {
					jdbc.sql("""
							INSERT INTO repeat_link_replay (idempotency_key, fingerprint, matter_id, created_at)
							VALUES (:key, :fingerprint, :id, :now)""")
						.param("key", key)
						.param("fingerprint", fingerprint)
						.param("id", linked.id())
						.param("now", OffsetDateTime.now(clock))
						.update();
				}
				return linked;
			}
			return create(v, registrar.unitId(), registrar.username(), earlier.map(Earlier::id).orElse(null), key,
					fingerprint);
		}));
	}

	/** The registrar's answer names what they may do next (the handling module knows). */
	private Registered withAllowedActions(Registered r) {
		AllowedActions actions = allowedActions.getIfAvailable();
		if (actions == null) {
			return r;
		}
		return new Registered(r.id(), r.trackingCode(), r.querySecret(), r.status(), r.receivedAt(), r.deadlines(),
				actions.forStaff(r.id()), r.repeatOf(), r.created());
	}

	@Override
	public Registered submitOnline(OnlinePetition petition, String idempotencyKey) {
		String key = idempotencyKey(idempotencyKey);
		MatterValidation.Valid v = validation.online(petition);
		String fingerprint = fingerprint(key, petition);
		return idempotent(key, fingerprint, () -> {
			lockPetitioners(v.petitioners());
			Optional<Earlier> earlier = earlier(v);
			if (earlier.isPresent() && earlier.get().open()) {
				countRepeat(earlier.get().id(), Channel.ONLINE, "public");
			}
			return create(v, onlineReceivingUnit(v.concernedUnit()).id(), null, earlier.map(Earlier::id).orElse(null),
					key, fingerprint);
		});
	}

	/** What a retry under the same key must repeat; only computed when there is a key to replay. */
	private String fingerprint(String key, Object request) {
		return key == null ? null : Hashing.sha256Hex(json.writeValueAsString(request));
	}

	private String idempotencyKey(String header) {
		String key = MatterValidation.trim(header);
		if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
			throw new InvalidInput(List.of(new FieldProblem("Idempotency-Key",
					rows.label("intake.invalid.idempotency-key"))));
		}
		return key;
	}

	/**
	 * Runs the registration in a transaction, at most once per key: a retry (even a concurrent one) gets the
	 * first answer, a different body under the same key a 422.
	 */
	private Registered idempotent(String key, String fingerprint, Supplier<Registered> registration) {
		try {
			return tx.execute(status -> {
				if (key != null) {
					// serialises concurrent retries of one key; the unique columns are the last guard
					jdbc.sql("SELECT pg_advisory_xact_lock(7302, hashtext(:k))").param("k", key).query().listOfRows();
					Optional<Registered> earlier = replay(key, fingerprint);
					if (earlier.isPresent()) {
						return earlier.get();
					}
				}
				return registration.get();
			});
		}
		catch (DuplicateKeyException ex) {
			if (key == null) {
				throw ex;
			}
			return tx.execute(status -> replay(key, fingerprint)).orElseThrow(() -> ex);
		}
	}

	/** The same key answers with the same matter; a different body under the same key is a client error. */
	private Optional<Registered> replay(String key, String fingerprint) {
		Optional<Registered> linked = jdbc.sql(
				"SELECT matter_id, fingerprint FROM repeat_link_replay WHERE idempotency_key = :key")
			.param("key", key)
			.query((rs, n) -> {
				if (!rs.getString("fingerprint").equals(fingerprint)) {
					throw DomainException.unprocessable("idempotency-key-reused",
							"This Idempotency-Key was used for a different submission");
				}
				return rs.getLong("matter_id");
			})
			.optional()
			.map(this::linked);
		if (linked.isPresent()) {
			return linked;
		}
		return jdbc.sql("""
				SELECT m.id, m.tracking_code, m.status, m.received_at, r.query_secret, r.fingerprint, r.expires_at
				FROM matter m LEFT JOIN submission_replay r ON r.matter_id = m.id
				WHERE m.idempotency_key = :key
				""")
			.param("key", key)
			.query((rs, n) -> {
				String storedFingerprint = rs.getString("fingerprint");
				if (storedFingerprint != null && !storedFingerprint.equals(fingerprint)) {
					throw DomainException.unprocessable("idempotency-key-reused",
							"This Idempotency-Key was used for a different submission");
				}
				OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
				boolean live = expires != null && expires.isAfter(OffsetDateTime.now(clock));
				long id = rs.getLong("id");
				return new Registered(id, rs.getString("tracking_code"), live ? rs.getString("query_secret") : null,
						MatterStatus.valueOf(rs.getString("status")), rows.local(rs.getObject("received_at", OffsetDateTime.class)),
						rows.deadlines(id), List.of(), null, true);
			})
			.optional();
	}

	private Registered create(MatterValidation.Valid v, long receivingUnitId, String registeredBy, Long repeatOf,
			String idempotencyKey, String fingerprint) {
		// microseconds: what PostgreSQL keeps, so a replayed answer equals the first one
		OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
		LocalDate today = now.toLocalDate();
		// a matter received on an earlier day is dated to the start of that day; its registration time is created_at
		OffsetDateTime receivedAt = v.receivedOn().equals(today) ? now
				: v.receivedOn().atStartOfDay(clock.getZone()).toOffsetDateTime();
		String trackingCode = uniqueTrackingCode();
		String secret = Codes.querySecret();
		long id = jdbc.sql("""
				INSERT INTO matter (tracking_code, query_secret_hash, channel, kind, status, title, content,
				                    category_code, concerned_unit_id, receiving_unit_id, received_on, received_at,
				                    registered_by, headcount, source_body, source_reference, repeat_of_id,
				                    idempotency_key, created_at, updated_at, concerned_unit_complained_about)
				VALUES (:code, :hash, :channel, :kind, 'REGISTERED', :title, :content, :category, :concerned,
				        :receiving, :receivedOn, :receivedAt, :registeredBy, :headcount, :sourceBody,
				        :sourceReference, :repeatOf, :key, :now, :now, :complainedAbout)
				RETURNING id
				""")
			.param("code", trackingCode)
			.param("hash", Codes.hashSecret(secret))
			.param("channel", v.channel().name())
			.param("kind", v.kind().name())
			.param("title", v.title())
			.param("content", v.content())
			.param("category", v.categoryCode())
			.param("concerned", v.concernedUnit() == null ? null : v.concernedUnit().id())
			.param("receiving", receivingUnitId)
			.param("receivedOn", v.receivedOn())
			.param("receivedAt", receivedAt)
			.param("registeredBy", registeredBy)
			.param("headcount", v.headcount())
			.param("sourceBody", v.sourceBody())
			.param("sourceReference", v.sourceReference())
			.param("repeatOf", repeatOf)
			.param("key", idempotencyKey)
			.param("now", now)
			.param("complainedAbout", v.complainedAbout())
			.query(Long.class)
			.single();
		int ordinal = 1;
		for (NewPetitioner p : v.petitioners()) {
			jdbc.sql("""
					INSERT INTO petitioner (matter_id, ordinal, name, phone, id_number, address, email, representative)
					VALUES (:matter, :ordinal, :name, :phone, :idNumber, :address, :email, :representative)
					""")
				.param("matter", id)
				.param("ordinal", ordinal++)
				.param("name", p.name())
				.param("phone", p.phone())
				.param("idNumber", p.idNumber())
				.param("address", p.address())
				.param("email", p.email())
				.param("representative", Boolean.TRUE.equals(p.representative()))
				.update();
		}
		if (v.identityProtected()) {
			// searched without the petitioners' identity (V13): a name typed in the search box finds nothing
			jdbc.sql("""
					UPDATE matter m SET search_vector_redacted = xf_search_vector(xf_redact(m.title || ' ' || m.content,
					    ARRAY(SELECT unnest(ARRAY[p.name, p.phone, p.id_number, p.address, p.email])
					          FROM petitioner p WHERE p.matter_id = m.id)))
					WHERE m.id = :id
					""")
				.param("id", id)
				.update();
		}
		String actor = registeredBy == null ? "public" : registeredBy;
		rows.event(id, now, "REGISTERED", actor, null, true);
		scheduleTriage(id, v.receivedOn());
		if (idempotencyKey != null) {
			jdbc.sql("""
					INSERT INTO submission_replay (matter_id, query_secret, fingerprint, expires_at)
					VALUES (:id, :secret, :fingerprint, :expires)
					""")
				.param("id", id)
				.param("secret", secret)
				.param("fingerprint", fingerprint)
				.param("expires", now.plus(REPLAY_FOR))
				.update();
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("trackingCode", trackingCode);
		details.put("channel", v.channel().name());
		details.put("kind", v.kind().name());
		details.put("receivingUnitId", receivingUnitId);
		details.put("identityProtected", v.identityProtected());
		if (repeatOf != null) {
			details.put("repeatOf", repeatOf);
		}
		audit.record("MATTER_REGISTERED", "matter", id, details);
		events.publishEvent(new MatterRegistered(id, v.channel().name(), v.kind().name(), receivingUnitId,
				v.concernedUnit() == null ? null : v.concernedUnit().id()));
		return new Registered(id, trackingCode, secret, MatterStatus.REGISTERED, receivedAt, rows.deadlines(id),
				List.of(), null, true);
	}

	/**
	 * The receiving office has 15 days from receipt to forward, assign or tell the petitioner where to go
	 * (Regulation Art. 22). Registration never fails for want of holiday data ("应录尽录"): the deadline is
	 * then pending, noted on the timeline, and computed once the year's data is entered.
	 */
	private void scheduleTriage(long id, LocalDate receivedOn) {
		if (deadlines.open(id, TRIAGE, receivedOn, true).isEmpty()) {
			log.warn("Matter " + id + " registered with a pending triage deadline (holiday data missing)");
		}
	}

	private String uniqueTrackingCode() {
		while (true) {
			String code = Codes.trackingCode();
			if (jdbc.sql("SELECT count(*) FROM matter WHERE tracking_code = :c").param("c", code).query(Long.class).single() == 0) {
				return code;
			}
		}
	}

	private Registered linkRepeat(long matterId, Channel channel, String actor) {
		countRepeat(matterId, channel, actor);
		return linked(matterId);
	}

	/** The answer to a request linked to an open matter: that matter, no secret, nothing created. */
	private Registered linked(long matterId) {
		return jdbc.sql("SELECT tracking_code, status, received_at FROM matter WHERE id = :id")
			.param("id", matterId)
			.query((rs, n) -> new Registered(matterId, rs.getString("tracking_code"), null,
					MatterStatus.valueOf(rs.getString("status")), rows.local(rs.getObject("received_at", OffsetDateTime.class)),
					rows.deadlines(matterId), List.of(), matterId, false))
			.single();
	}

	private void countRepeat(long matterId, Channel channel, String actor) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		int count = jdbc.sql("""
				UPDATE matter SET repeat_count = repeat_count + 1, version = version + 1, updated_at = :now
				WHERE id = :id RETURNING repeat_count
				""")
			.param("id", matterId)
			.param("now", now)
			.query(Integer.class)
			.single();
		rows.event(matterId, now, "REPEAT_REQUEST", actor, rows.label("matter.channel." + channel.name()), true);
		audit.record("REPEAT_LINKED", "matter", matterId, Map.of("channel", channel.name(), "repeatCount", count));
		events.publishEvent(new RepeatRequestLinked(matterId, count, channel.name()));
	}

	/**
	 * Two requests are the same petitioner's when an ID number matches, or phone and name both match. Taking
	 * a lock per identity key first means two simultaneous registrations of one person cannot both miss
	 * each other.
	 */
	private void lockPetitioners(List<NewPetitioner> petitioners) {
		TreeSet<String> keys = new TreeSet<>();
		for (NewPetitioner p : petitioners) {
			if (p.idNumber() != null) {
				keys.add("id:" + p.idNumber());
			}
			if (p.phone() != null) {
				keys.add("pn:" + p.phone() + "|" + p.name());
			}
		}
		for (String key : keys) {
			jdbc.sql("SELECT pg_advisory_xact_lock(7303, hashtext(:k))").param("k", key).query().listOfRows();
		}
	}

	/** An earlier matter of the same petitioner on the same concerned unit and category. */
	private record Earlier(long id, boolean open) {
	}

	/**
	 * The earlier matter a new request repeats: the latest one still open if there is one (the request is
	 * linked to it), else the latest one decided, closed or sent elsewhere (the new matter records it).
	 */
	private Optional<Earlier> earlier(MatterValidation.Valid v) {
		List<String> idNumbers = v.petitioners().stream().map(NewPetitioner::idNumber).filter(x -> x != null).toList();
		List<Object[]> phoneNames = new ArrayList<>();
		v.petitioners().stream()
			.filter(p -> p.phone() != null)
			.forEach(p -> phoneNames.add(new Object[] { p.phone(), p.name() }));
		if (idNumbers.isEmpty() && phoneNames.isEmpty()) {
			return Optional.empty();
		}
		List<String> who = new ArrayList<>();
		if (!idNumbers.isEmpty()) {
			who.add("p.id_number IN (:ids)");
		}
		if (!phoneNames.isEmpty()) {
			who.add("(p.phone, p.name) IN (:phoneNames)");
		}
		var spec = jdbc.sql("""
				SELECT m.id, m.status NOT IN (:closed) AS open FROM matter m
				WHERE m.concerned_unit_id IS NOT DISTINCT FROM :unit
				  AND m.category_code IS NOT DISTINCT FROM :category
				  AND EXISTS (SELECT 1 FROM petitioner p WHERE p.matter_id = m.id AND (%s))
				ORDER BY open DESC, m.received_at DESC, m.id DESC
				LIMIT 1
				""".formatted(String.join(" OR ", who)))
			.param("closed", MatterStatus.NOT_OPEN.stream().map(Enum::name).toList())
			.param("unit", v.concernedUnit() == null ? null : v.concernedUnit().id(), java.sql.Types.BIGINT)
			.param("category", v.categoryCode(), java.sql.Types.VARCHAR);
		if (!idNumbers.isEmpty()) {
			spec = spec.param("ids", idNumbers);
		}
		if (!phoneNames.isEmpty()) {
			spec = spec.param("phoneNames", phoneNames);
		}
		return spec.query((rs, n) -> new Earlier(rs.getLong("id"), rs.getBoolean("open"))).optional();
	}

	/**
	 * The petition office nearest above the concerned unit (属地管理、分级负责), or the configured or top-most
	 * petition office when no unit is named.
	 */
	private Unit onlineReceivingUnit(Unit concerned) {
		if (concerned != null) {
			List<Unit> ancestry = units.ancestry(concerned.id());
			for (int i = ancestry.size() - 2; i >= 0; i--) {
				if (ancestry.get(i).petitionOffice() && ancestry.get(i).active()) {
					return ancestry.get(i);
				}
			}
			if (concerned.petitionOffice()) {
				return concerned;
			}
		}
		if (onlineReceivingUnit != null && !onlineReceivingUnit.isBlank()) {
			return units.byCode(onlineReceivingUnit)
				.orElseThrow(() -> new IllegalStateException("xinfang.intake.online-receiving-unit "
						+ onlineReceivingUnit + " does not exist"));
		}
		return jdbc.sql("""
				SELECT code FROM unit WHERE petition_office AND active
				ORDER BY length(path) - length(replace(path, '/', '')), id LIMIT 1
				""")
			.query(String.class)
			.optional()
			.flatMap(units::byCode)
			.orElseThrow(() -> new DomainException(HttpStatus.SERVICE_UNAVAILABLE, "no-petition-office",
					"No petition office is configured to receive online petitions"));
	}

	@Override
	public AttachmentInfo attach(long matterId, String filename, String declaredType, byte[] content) {
		StaffPrincipal user = currentUser.require();
		if (content == null || content.length == 0) {
			throw DomainException.invalid("attachment-empty", "The file is empty");
		}
		if (content.length > maxAttachmentBytes) {
			throw new DomainException(HttpStatus.CONTENT_TOO_LARGE, "attachment-too-large",
					"The file is larger than " + maxAttachmentBytes + " bytes", Map.of("maxBytes", maxAttachmentBytes));
		}
		String type = AttachmentTypes.detect(content);
		if (type == null) {
			throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "attachment-type",
					"Only PDF, JPEG and PNG files are accepted");
		}
		if (!AttachmentTypes.agrees(declaredType, type)) {
			throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "attachment-type-mismatch",
					"The file content is " + type + ", not " + declaredType);
		}
		String name = safeFilename(filename, type);
		return tx.execute(status -> {
			var row = jdbc.sql("""
					SELECT m.kind, m.concerned_unit_complained_about AS complained, cu.path AS concerned_path,
					       ru.path AS receiving_path FROM matter m
					JOIN unit ru ON ru.id = m.receiving_unit_id LEFT JOIN unit cu ON cu.id = m.concerned_unit_id
					WHERE m.id = :id FOR UPDATE OF m
					""")
				.param("id", matterId)
				.query()
				.listOfRows();
			if (row.isEmpty()) {
				throw DomainException.notFound("Matter");
			}
			String concernedPath = (String) row.get(0).get("concerned_path");
			if (!user.canSee((String) row.get(0).get("receiving_path")) && !user.canSee(concernedPath)
					|| IdentityMasking.isProtected(org.xinfang.intake.Kind.valueOf((String) row.get(0).get("kind")),
							Boolean.TRUE.equals(row.get(0).get("complained")))
							&& IdentityMasking.insideComplainedAbout(concernedPath, user)) {
				throw DomainException.notFound("Matter");
			}
			long count = jdbc.sql("SELECT count(*) FROM attachment WHERE matter_id = :id")
				.param("id", matterId)
				.query(Long.class)
				.single();
			if (count >= maxAttachments) {
				throw new DomainException(HttpStatus.BAD_REQUEST, "attachments-too-many",
						"A matter takes at most " + maxAttachments + " attachments", Map.of("maxCount", maxAttachments));
			}
			OffsetDateTime now = OffsetDateTime.now(clock);
			String sha256 = Hashing.sha256Hex(content);
			long id = jdbc.sql("""
					INSERT INTO attachment (matter_id, filename, content_type, size, sha256, content, uploaded_at, uploaded_by)
					VALUES (:matter, :name, :type, :size, :sha, :content, :now, :by) RETURNING id
					""")
				.param("matter", matterId)
				.param("name", name)
				.param("type", type)
				.param("size", content.length)
				.param("sha", sha256)
				.param("content", content)
				.param("now", now)
				.param("by", user.username())
				.query(Long.class)
				.single();
			rows.event(matterId, now, "ATTACHMENT_ADDED", user.username(), name, false);
			audit.record("ATTACHMENT_ADDED", "matter", matterId,
					Map.of("attachmentId", id, "contentType", type, "size", content.length, "sha256", sha256));
			return new AttachmentInfo(id, name, type, content.length, sha256, now);
		});
	}

	/** Keeps only the last path segment and printable characters; falls back to a neutral name. */
	static String safeFilename(String filename, String type) {
		String name = filename == null ? "" : filename.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
		if (name.isEmpty()) {
			name = "attachment" + switch (type) {
				case AttachmentTypes.PDF -> ".pdf";
				case AttachmentTypes.PNG -> ".png";
				default -> ".jpg";
			};
		}
		return name.length() > 200 ? name.substring(name.length() - 200) : name;
	}
}
