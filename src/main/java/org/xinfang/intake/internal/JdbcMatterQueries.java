package org.xinfang.intake.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.intake.AttachmentContent;
import org.xinfang.intake.AttachmentInfo;
import org.xinfang.intake.Channel;
import org.xinfang.intake.Deadline;
import org.xinfang.intake.Kind;
import org.xinfang.intake.MatterDetail;
import org.xinfang.intake.MatterDetail.PetitionerView;
import org.xinfang.intake.MatterDetail.UnitRef;
import org.xinfang.intake.MatterPage;
import org.xinfang.intake.MatterQueries;
import org.xinfang.intake.MatterStatus;
import org.xinfang.intake.PublicStatus;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.platform.Hashing;
import org.xinfang.platform.Localized;

@Service
@Transactional(readOnly = true)
class JdbcMatterQueries implements MatterQueries {

	/** Compared against when a tracking code is unknown, so that case costs the same as a wrong secret. */
	private static final String NO_SUCH_HASH = Hashing.sha256Hex("no such matter");

	private static final String MATTER = """
			SELECT m.*, ru.code AS ru_code, ru.name AS ru_name, ru.path AS ru_path,
			       cu.code AS cu_code, cu.name AS cu_name, cu.path AS cu_path,
			       c.name_zh AS category_zh, c.name_en AS category_en
			FROM matter m
			JOIN unit ru ON ru.id = m.receiving_unit_id
			LEFT JOIN unit cu ON cu.id = m.concerned_unit_id
			LEFT JOIN category c ON c.code = m.category_code
			""";

	private final JdbcClient jdbc;

	private final MatterRows rows;

	private final CurrentUser currentUser;

	JdbcMatterQueries(JdbcClient jdbc, MatterRows rows, CurrentUser currentUser) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.currentUser = currentUser;
	}

	@Override
	public Optional<MatterDetail> find(long id) {
		StaffPrincipal user = currentUser.require();
		return jdbc.sql(MATTER + " WHERE m.id = :id")
			.param("id", id)
			.query((rs, n) -> detail(rs, user))
			.list()
			.stream()
			.filter(Objects::nonNull)
			.findFirst();
	}

	private MatterDetail detail(ResultSet rs, StaffPrincipal user) throws SQLException {
		String receivingPath = rs.getString("ru_path");
		String concernedPath = rs.getString("cu_path");
		if (!user.canSee(receivingPath) && !user.canSee(concernedPath)) {
			return null;
		}
		long id = rs.getLong("id");
		Kind kind = Kind.valueOf(rs.getString("kind"));
		MatterStatus status = MatterStatus.valueOf(rs.getString("status"));
		boolean masked = IdentityMasking.hidesIdentity(kind, concernedPath, user);
		List<PetitionerView> petitioners = jdbc.sql("""
				SELECT ordinal, name, phone, id_number, address, email, representative
				FROM petitioner WHERE matter_id = :id ORDER BY ordinal
				""")
			.param("id", id)
			.query((p, i) -> masked
					? new PetitionerView(p.getInt("ordinal"), IdentityMasking.MASKED_NAME, null, null, null, null,
							p.getBoolean("representative"))
					: new PetitionerView(p.getInt("ordinal"), p.getString("name"), p.getString("phone"),
							p.getString("id_number"), p.getString("address"), p.getString("email"),
							p.getBoolean("representative")))
			.list();
		List<AttachmentInfo> attachments = masked ? List.of()
				: jdbc.sql("""
						SELECT id, filename, content_type, size, sha256, uploaded_at FROM attachment
						WHERE matter_id = :id ORDER BY id
						""")
					.param("id", id)
					.query((a, i) -> new AttachmentInfo(a.getLong("id"), a.getString("filename"),
							a.getString("content_type"), a.getLong("size"), a.getString("sha256"),
							rows.local(a.getObject("uploaded_at", OffsetDateTime.class))))
					.list();
		long repeatOf = rs.getLong("repeat_of_id");
		Long repeatOfId = rs.wasNull() ? null : repeatOf;
		return new MatterDetail(id, rs.getString("tracking_code"), Channel.valueOf(rs.getString("channel")), kind,
				status, rows.statusLabel(status), rs.getString("title"), rs.getString("content"),
				rs.getString("category_code"), categoryName(rs),
				rs.getString("cu_code") == null ? null : new UnitRef(rs.getString("cu_code"), rs.getString("cu_name")),
				new UnitRef(rs.getString("ru_code"), rs.getString("ru_name")),
				rs.getObject("received_on", LocalDate.class), rows.local(rs.getObject("received_at", OffsetDateTime.class)),
				rs.getString("registered_by"), rs.getInt("headcount"), rs.getString("source_body"),
				rs.getString("source_reference"), repeatOfId, rs.getInt("repeat_count"), masked, petitioners,
				rows.deadlines(id), rows.timeline(id, false), attachments, List.of(), rs.getInt("version"));
	}

	@Override
	public MatterPage list(int page, int size) {
		StaffPrincipal user = currentUser.require();
		int p = Math.max(0, page);
		int s = Math.min(Math.max(1, size), 100);
		long total = jdbc.sql("""
				SELECT count(*) FROM matter m
				JOIN unit ru ON ru.id = m.receiving_unit_id LEFT JOIN unit cu ON cu.id = m.concerned_unit_id
				WHERE ru.path LIKE :scope OR cu.path LIKE :scope
				""")
			.param("scope", user.unitPath() + "%")
			.query(Long.class)
			.single();
		MatterRows.Namer namer = rows.namer();
		List<MatterPage.Summary> items = jdbc.sql("""
				SELECT m.id, m.tracking_code, m.channel, m.kind, m.status, m.title, m.received_on, m.headcount,
				       m.repeat_count, ru.name AS ru_name, cu.name AS cu_name, cu.path AS cu_path,
				       p.name AS petitioner_name, p.id_number, d.rule_code, d.due_date, d.met_on
				FROM matter m
				JOIN unit ru ON ru.id = m.receiving_unit_id
				LEFT JOIN unit cu ON cu.id = m.concerned_unit_id
				LEFT JOIN petitioner p ON p.matter_id = m.id AND p.ordinal = 1
				LEFT JOIN LATERAL (SELECT rule_code, due_date, met_on FROM matter_deadline
				                   WHERE matter_id = m.id ORDER BY met_on IS NOT NULL, due_date LIMIT 1) d ON TRUE
				WHERE ru.path LIKE :scope OR cu.path LIKE :scope
				ORDER BY m.received_at DESC, m.id DESC
				LIMIT :limit OFFSET :offset
				""")
			.param("scope", user.unitPath() + "%")
			.param("limit", s)
			.param("offset", (long) p * s)
			.query((rs, n) -> summary(rs, user, namer))
			.list();
		return new MatterPage(items, p, s, total);
	}

	private MatterPage.Summary summary(ResultSet rs, StaffPrincipal user, MatterRows.Namer namer) throws SQLException {
		Kind kind = Kind.valueOf(rs.getString("kind"));
		MatterStatus status = MatterStatus.valueOf(rs.getString("status"));
		boolean masked = IdentityMasking.hidesIdentity(kind, rs.getString("cu_path"), user);
		String rule = rs.getString("rule_code");
		Deadline next = rule == null ? null
				: namer.deadline(rule, rs.getObject("due_date", LocalDate.class), rs.getObject("met_on", LocalDate.class));
		return new MatterPage.Summary(rs.getLong("id"), rs.getString("tracking_code"),
				Channel.valueOf(rs.getString("channel")), kind, status, rows.statusLabel(status), rs.getString("title"),
				rs.getObject("received_on", LocalDate.class), rs.getString("ru_name"), rs.getString("cu_name"),
				masked ? IdentityMasking.MASKED_NAME : rs.getString("petitioner_name"),
				masked ? null : IdentityMasking.maskIdNumber(rs.getString("id_number")), rs.getInt("headcount"),
				rs.getInt("repeat_count"), next);
	}

	@Override
	public Optional<PublicStatus> track(String trackingCode, String querySecret) {
		String code = trackingCode == null ? "" : trackingCode.strip().toUpperCase(Locale.ROOT);
		var found = jdbc.sql("""
				SELECT m.id, m.query_secret_hash, m.status, m.received_at, ru.name AS ru_name
				FROM matter m JOIN unit ru ON ru.id = m.receiving_unit_id WHERE m.tracking_code = :code
				""")
			.param("code", code)
			.query((rs, n) -> new Found(rs.getLong("id"), rs.getString("query_secret_hash"),
					MatterStatus.valueOf(rs.getString("status")), rows.local(rs.getObject("received_at", OffsetDateTime.class)),
					rs.getString("ru_name")))
			.optional();
		boolean matches = Codes.secretMatches(querySecret, found.map(Found::hash).orElse(NO_SUCH_HASH));
		if (found.isEmpty() || !matches) {
			return Optional.empty();
		}
		Found f = found.get();
		return Optional.of(new PublicStatus(code, f.status(), rows.statusLabel(f.status()), f.handlingUnit(),
				f.receivedAt(), rows.deadlines(f.id()),
				rows.timeline(f.id(), true)
					.stream()
					.map(e -> new PublicStatus.PublicEvent(e.at(), e.type(), e.label(), e.note()))
					.toList(),
				List.of(), List.of()));
	}

	private record Found(long id, String hash, MatterStatus status, OffsetDateTime receivedAt, String handlingUnit) {
	}

	@Override
	public Optional<AttachmentContent> attachment(long matterId, long attachmentId) {
		StaffPrincipal user = currentUser.require();
		return jdbc.sql("""
				SELECT m.kind, ru.path AS ru_path, cu.path AS cu_path, a.filename, a.content_type, a.content
				FROM attachment a JOIN matter m ON m.id = a.matter_id
				JOIN unit ru ON ru.id = m.receiving_unit_id LEFT JOIN unit cu ON cu.id = m.concerned_unit_id
				WHERE a.id = :aid AND a.matter_id = :mid
				""")
			.param("aid", attachmentId)
			.param("mid", matterId)
			.query((rs, n) -> {
				String cu = rs.getString("cu_path");
				boolean visible = (user.canSee(rs.getString("ru_path")) || user.canSee(cu))
						&& !IdentityMasking.hidesIdentity(Kind.valueOf(rs.getString("kind")), cu, user);
				return visible ? new AttachmentContent(rs.getString("filename"), rs.getString("content_type"),
						rs.getBytes("content")) : null;
			})
			.list()
			.stream()
			.filter(Objects::nonNull)
			.findFirst();
	}


	private static String categoryName(ResultSet rs) throws SQLException {
		return Localized.pick(rs.getString("category_zh"), rs.getString("category_en"));
	}
}
