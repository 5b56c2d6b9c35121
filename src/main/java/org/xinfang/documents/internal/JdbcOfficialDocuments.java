package org.xinfang.documents.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.documents.DocumentRequest;
import org.xinfang.documents.DocumentType;
import org.xinfang.documents.IssuedDocument;
import org.xinfang.documents.OfficialDocuments;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.Hashing;
import org.xinfang.platform.InvalidInput;

@Service
class JdbcOfficialDocuments implements OfficialDocuments {

	private static final String COLUMNS = "id, matter_id, type, number, issued_on, sha256, delivered_on";

	private final JdbcClient jdbc;

	private final Units units;

	private final NoticeTexts texts;

	private final NoticeRenderer renderer;

	private final AuditLog audit;

	private final MessageSource messages;

	private final Clock clock;

	JdbcOfficialDocuments(JdbcClient jdbc, Units units, NoticeTexts texts, NoticeRenderer renderer, AuditLog audit,
			MessageSource messages, Clock clock) {
		this.jdbc = jdbc;
		this.units = units;
		this.texts = texts;
		this.renderer = renderer;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	@Override
	@Transactional
	public IssuedDocument issue(DocumentRequest request) {
		List<String> body = texts.body(request);
		Unit unit = units.byCode(request.issuingUnitCode().strip())
			.orElseThrow(() -> invalid("issuingUnitCode", "unit"));
		// the counter row stays locked until this transaction ends: concurrent issues queue, a rollback
		// gives the number back, so the numbers have no gaps
		int sequence = jdbc.sql("""
				INSERT INTO document_counter (issuing_unit_id, type, year, last_number) VALUES (:unit, :type, :year, 1)
				ON CONFLICT (issuing_unit_id, type, year)
				DO UPDATE SET last_number = document_counter.last_number + 1
				RETURNING last_number""")
			.param("unit", unit.id())
			.param("type", request.type().name())
			.param("year", request.issuedOn().getYear())
			.query(Integer.class)
			.single();
		String number = prefix(unit) + request.type().numberMark() + "〔" + request.issuedOn().getYear() + "〕" + sequence
				+ "号";
		byte[] pdf = renderer.render(new Notice(unit.name(), number, request.type().title(), request.addressee().strip(),
				body, NoticeTexts.chineseDate(request.issuedOn()), NoticeTexts.disclosure(request)));
		String sha256 = Hashing.sha256Hex(pdf);
		long id;
		try {
			id = jdbc.sql("""
					INSERT INTO document (matter_id, type, number, issuing_unit_id, issued_on, pdf, sha256, created_at)
					VALUES (:matter, :type, :number, :unit, :issuedOn, :pdf, :sha256, :now) RETURNING id""")
				.param("matter", request.matterId())
				.param("type", request.type().name())
				.param("number", number)
				.param("unit", unit.id())
				.param("issuedOn", request.issuedOn())
				.param("pdf", pdf)
				.param("sha256", sha256)
				.param("now", OffsetDateTime.now(clock))
				.query(Long.class)
				.single();
		}
		catch (DataIntegrityViolationException ex) {
			throw invalid("matterId", "matter");
		}
		audit.record("DOCUMENT_ISSUED", "document", id, Map.of("matter", request.matterId(), "type",
				request.type().name(), "number", number, "sha256", sha256));
		return new IssuedDocument(id, request.matterId(), number, request.type(), request.type().title(),
				request.issuedOn(), sha256, null);
	}

	@Override
	@Transactional(readOnly = true)
	public List<IssuedDocument> forMatter(long matterId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE matter_id = :m ORDER BY id")
			.param("m", matterId)
			.query(JdbcOfficialDocuments::row)
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<IssuedDocument> find(long documentId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE id = :id")
			.param("id", documentId)
			.query(JdbcOfficialDocuments::row)
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public List<IssuedDocument> deliveredFor(String trackingCode) {
		return jdbc.sql("""
				SELECT d.id, d.matter_id, d.type, d.number, d.issued_on, d.sha256, d.delivered_on
				FROM document d JOIN matter m ON m.id = d.matter_id
				WHERE m.tracking_code = :code AND d.delivered_on IS NOT NULL ORDER BY d.id""")
			.param("code", trackingCode == null ? "" : trackingCode.strip().toUpperCase(Locale.ROOT))
			.query(JdbcOfficialDocuments::row)
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<byte[]> pdf(long documentId) {
		return jdbc.sql("SELECT pdf FROM document WHERE id = :id").param("id", documentId).query(byte[].class).optional();
	}

	@Override
	@Transactional
	public IssuedDocument markDelivered(long documentId, LocalDate deliveredOn) {
		IssuedDocument document = find(documentId).orElseThrow(() -> DomainException.notFound("Document"));
		if (document.deliveredOn() != null) {
			throw DomainException.conflict("document-delivered",
					"Document " + document.number() + " was delivered on " + document.deliveredOn());
		}
		if (deliveredOn == null) {
			throw invalid("deliveredOn", "required");
		}
		if (deliveredOn.isBefore(document.issuedOn())) {
			throw invalid("deliveredOn", "delivered-before-issue");
		}
		if (deliveredOn.isAfter(LocalDate.now(clock))) {
			throw invalid("deliveredOn", "future");
		}
		int updated = jdbc.sql("UPDATE document SET delivered_on = :d WHERE id = :id AND delivered_on IS NULL")
			.param("d", deliveredOn)
			.param("id", documentId)
			.update();
		if (updated == 0) {
			throw DomainException.conflict("document-delivered", "Document " + document.number() + " was delivered");
		}
		audit.record("DOCUMENT_DELIVERED", "document", documentId, Map.of("matter", document.matterId(),
				"deliveredOn", deliveredOn.toString()));
		return new IssuedDocument(document.id(), document.matterId(), document.number(), document.type(),
				document.title(), document.issuedOn(), document.sha256(), deliveredOn);
	}

	@Override
	@Transactional
	public void usePrefix(String unitCode, String prefix) {
		Unit unit = units.byCode(unitCode == null ? "" : unitCode).orElseThrow(() -> invalid("unitCode", "unit"));
		String p = prefix == null ? "" : prefix.strip();
		if (p.isEmpty() || p.length() > 20 || p.chars().anyMatch(c -> "〔〕[]".indexOf(c) >= 0)) {
			throw invalid("prefix", "prefix");
		}
		boolean taken = jdbc.sql("SELECT count(*) FROM document_prefix WHERE prefix = :p AND unit_id <> :u")
			.param("p", p)
			.param("u", unit.id())
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw InvalidInput.of(HttpStatus.CONFLICT, "document-prefix-taken", "prefix", message("prefix-taken"));
		}
		jdbc.sql("""
				INSERT INTO document_prefix (unit_id, prefix) VALUES (:u, :p)
				ON CONFLICT (unit_id) DO UPDATE SET prefix = EXCLUDED.prefix""")
			.param("u", unit.id())
			.param("p", p)
			.update();
		audit.record("DOCUMENT_PREFIX_SET", "unit", unit.code(), Map.of("prefix", p));
	}

	/** The unit's 机关代字, or its code when none is set. */
	private String prefix(Unit unit) {
		return jdbc.sql("SELECT prefix FROM document_prefix WHERE unit_id = :u")
			.param("u", unit.id())
			.query(String.class)
			.optional()
			.orElse(unit.code());
	}

	private InvalidInput invalid(String field, String reason) {
		return InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", field, message(reason));
	}

	private String message(String reason) {
		Locale locale = LocaleContextHolder.getLocale();
		return messages.getMessage("documents.invalid." + reason, null, reason, locale);
	}

	private static IssuedDocument row(ResultSet rs, int n) throws SQLException {
		DocumentType type = DocumentType.valueOf(rs.getString("type"));
		return new IssuedDocument(rs.getLong("id"), rs.getLong("matter_id"), rs.getString("number"), type, type.title(),
				rs.getObject("issued_on", LocalDate.class), rs.getString("sha256"),
				rs.getObject("delivered_on", LocalDate.class));
	}
}
