package org.xinfang.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xinfang.handling.MatterFlow.list;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.documents.DocumentType;
import org.xinfang.documents.IssuedDocument;
import org.xinfang.documents.OfficialDocuments;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.ChineseFont;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * The notices along the lifecycle (issue #3 items 4 and 6): each notice is issued as a PDF and announced in the
 * outbox in the action's transaction; delivered documents reach the petitioner through the public API. In the
 * handling package to share its time-travel context and {@link MatterFlow}.
 */
@XinfangTest
@Import(TimeTravel.class)
class LifecycleNoticeTests {

	static final LocalDate TODAY = MatterHandlingApiTests.TODAY;

	/** Each petition its own phone number, or registration would link it to the previous one as a repeat. */
	static final java.util.concurrent.atomic.AtomicInteger CONTACTS = new java.util.concurrent.atomic.AtomicInteger(
			(int) (System.nanoTime() % 10_000_000));

	String phone;

	String email;

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OfficialDocuments documents;

	MatterFlow flow;

	Unit bureau;

	Unit hospital;

	StaffPrincipal registrar;

	StaffPrincipal head;

	StaffPrincipal handler;

	@BeforeAll
	static void font() {
		ChineseFont.ensureInstalled();
	}

	@BeforeEach
	void organisation() {
		clock.travelTo(TODAY);
		flow = new MatterFlow(http);
		Unit commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		hospital = fixtures.hospitalUnder(bureau);
		registrar = fixtures.user(bureau, Role.REGISTRAR);
		head = fixtures.user(hospital, Role.UNIT_HEAD);
		handler = fixtures.user(hospital, Role.HANDLER);
	}

	@Test
	void acceptanceIssuesTheNoticeAndQueuesOneSmsAndOneEmail() throws IOException {
		MatterFlow.Registered m = registerWithContact();
		flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, m.id(), "ACCEPT", null);

		IssuedDocument notice = only(m.id(), DocumentType.ACCEPTANCE_NOTICE);
		assertThat(notice.issuedOn()).isEqualTo(TODAY);
		assertThat(notice.deliveredOn()).isEqualTo(TODAY);
		String text = text(documents.pdf(notice.id()).orElseThrow());
		assertThat(text).contains("受理告知书", "王五", hospital.name());

		assertThat(outbox(m.id())).containsExactly("ACCEPT-p1-email|EMAIL|" + email, "ACCEPT-p1-sms|SMS|" + phone);
		String sms = jdbc.sql("SELECT body FROM notification WHERE dedup_key = :k")
			.param("k", "matter-" + m.id() + "-ACCEPT-d" + notice.id() + "-p1-sms")
			.query(String.class)
			.single();
		assertThat(sms).contains(m.code()).doesNotContain(m.secret());
	}

	@Test
	void deliveredOpinionReachesThePetitionerOnThePortal() throws IOException {
		MatterFlow.Registered m = registerWithContact();
		handle(m);
		flow.act(head, m.id(), "APPROVE_REPLY", null);
		IssuedDocument opinion = only(m.id(), DocumentType.HANDLING_OPINION);
		assertThat(opinion.deliveredOn()).isNull();
		assertThat(documentsOf(flow.track(m)).stream().<Object>map(d -> d.get("title"))).containsExactly("受理告知书");
		assertThat(outbox(m.id())).noneMatch(row -> row.contains("APPROVE_REPLY"));

		clock.travelTo(TODAY.plusDays(2));
		flow.act(handler, m.id(), "DELIVER", Map.of("method", "PORTAL", "deliveredOn", TODAY.plusDays(1).toString()));

		assertThat(documents.find(opinion.id()).orElseThrow().deliveredOn()).isEqualTo(TODAY.plusDays(1));
		Map<?, ?> listed = documentsOf(flow.track(m)).stream()
			.filter(d -> "处理意见书".equals(d.get("title")))
			.findFirst()
			.orElseThrow();
		assertThat(listed.get("number")).isEqualTo(opinion.number());
		assertThat(listed.get("issuedOn")).isEqualTo(TODAY.toString());
		assertThat(((Number) listed.get("id")).longValue()).isEqualTo(opinion.id());

		byte[] pdf = http.get().uri((String) listed.get("url"))
			.header("X-Query-Secret", m.secret())
			.header("X-Forwarded-For", "10.7.1.1")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentType("application/pdf")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		// the rights notice names the body above the handling unit (Regulation Art. 35)
		assertThat(text(pdf)).contains("处理意见书", "王五", "经核查，部分诉求属实", bureau.name());

		http.get().uri((String) listed.get("url"))
			.header("X-Query-Secret", "wrong-secret-0000")
			.header("X-Forwarded-For", "10.7.1.2")
			.exchange()
			.expectStatus().isNotFound();
		assertThat(outbox(m.id())).containsExactly("ACCEPT-p1-email|EMAIL|" + email, "ACCEPT-p1-sms|SMS|" + phone,
				"DELIVER-p1-email|EMAIL|" + email, "DELIVER-p1-sms|SMS|" + phone);
		// another matter's document is not reachable with this petition's secret
		MatterFlow.Registered other = registerWithContact();
		flow.act(registrar, other.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, other.id(), "ACCEPT", null);
		long foreign = only(other.id(), DocumentType.ACCEPTANCE_NOTICE).id();
		http.get().uri("/api/v1/public/petitions/" + m.code() + "/documents/" + foreign)
			.header("X-Query-Secret", m.secret())
			.header("X-Forwarded-For", "10.7.1.3")
			.exchange()
			.expectStatus().isNotFound();

	}

	@Test
	void rolledBackActionLeavesNoDocumentAndNoMessage() {
		MatterFlow.Registered m = registerWithContact();
		handle(m);
		clock.travelTo(TODAY.plusDays(3));
		flow.act(head, m.id(), "APPROVE_REPLY", null);
		int version = ((Number) flow.matter(head, m.id()).get("version")).intValue();

		// a stale version: refused before anything is written
		flow.exchange(handler, m.id(), "DELIVER", Map.of("method", "POST", "deliveredOn", TODAY.plusDays(3).toString()),
				"\"" + (version - 1) + "\"", 409);
		// delivered before the opinion was issued: the notice cannot be delivered, so the action rolls back
		flow.act(handler, m.id(), "DELIVER", Map.of("method", "POST", "deliveredOn", TODAY.plusDays(1).toString()),
				400);

		assertThat(flow.matter(head, m.id()).get("status")).isEqualTo("REPLY_APPROVED");
		assertThat(only(m.id(), DocumentType.HANDLING_OPINION).deliveredOn()).isNull();
		assertThat(outbox(m.id())).noneMatch(row -> row.contains("DELIVER"));

		// a refused acceptance notice: REJECT without reason is invalid and issues nothing
		MatterFlow.Registered rejected = registerWithContact();
		flow.act(registrar, rejected.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, rejected.id(), "REJECT", Map.of("reason", ""), 400);
		assertThat(documents.forMatter(rejected.id())).isEmpty();
		assertThat(outbox(rejected.id())).isEmpty();
		flow.act(head, rejected.id(), "REJECT", Map.of("reason", "不属于本机关职责范围"));
		assertThat(text(documents.pdf(only(rejected.id(), DocumentType.NON_ACCEPTANCE_NOTICE).id()).orElseThrow()))
			.contains("不予受理告知书", "不属于本机关职责范围");
		assertThat(outbox(rejected.id())).hasSize(2).allMatch(row -> row.startsWith("REJECT-"));
	}

	@Test
	void extensionNoticeNamesTheNewDueDate() {
		MatterFlow.Registered m = registerWithContact();
		flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, m.id(), "ACCEPT", null);
		flow.act(head, m.id(), "ASSIGN_HANDLER", Map.of("username", handler.username()));
		flow.act(handler, m.id(), "REQUEST_EXTENSION", Map.of("days", 10, "reason", "需要补充调查"));
		Map<?, ?> after = flow.act(head, m.id(), "APPROVE_EXTENSION", null);

		String due = MatterFlow.due(after, "HANDLING");
		IssuedDocument notice = only(m.id(), DocumentType.EXTENSION_NOTICE);
		assertThat(text(documents.pdf(notice.id()).orElseThrow())).contains("延期告知书", "补充调查");
		String sms = jdbc.sql("SELECT body FROM notification WHERE dedup_key = :k")
			.param("k", "matter-" + m.id() + "-APPROVE_EXTENSION-d" + notice.id() + "-p1-sms")
			.query(String.class)
			.single();
		assertThat(sms).contains(due);
	}

	@Test
	void everyCoPetitionerIsToldAndARedoneReplyIsAnnouncedAgain() throws IOException {
		StaffPrincipal reviewer = fixtures.user(bureau, Role.REVIEWER);
		int n = CONTACTS.incrementAndGet();
		phone = String.format("137%08d", n % 100_000_000);
		email = "wangwu" + n + "@example.cn";
		String coPhone = String.format("136%08d", n % 100_000_000);
		MatterFlow.Registered m = flow.register(registrar, "GRIEVANCE", hospital, null,
				Map.of("phone", phone, "email", email),
				List.of(Map.of("name", "赵六", "phone", coPhone), Map.of("name", "钱七", "phone", phone)));
		handle(m);
		flow.act(head, m.id(), "APPROVE_REPLY", null);
		flow.act(handler, m.id(), "DELIVER", Map.of("method", "POST", "deliveredOn", TODAY.toString()));

		// the joint petition is addressed to all three; 钱七 shares 王五's phone and gets no second SMS
		assertThat(text(documents.pdf(only(m.id(), DocumentType.ACCEPTANCE_NOTICE).id()).orElseThrow()))
			.contains("王五等3人");
		assertThat(outbox(m.id())).containsExactly("ACCEPT-p1-email|EMAIL|" + email, "ACCEPT-p1-sms|SMS|" + phone,
				"ACCEPT-p2-sms|SMS|" + coPhone, "DELIVER-p1-email|EMAIL|" + email, "DELIVER-p1-sms|SMS|" + phone,
				"DELIVER-p2-sms|SMS|" + coPhone);

		// the review orders the matter redone: the new opinion's delivery is announced too
		flow.actAsPetitioner(m, "REQUEST_REVIEW", Map.of("reason", "不服"), 200);
		flow.act(reviewer, m.id(), "DECIDE_REVIEW", Map.of("outcome", "REDO", "text", "重新办理"));
		flow.act(handler, m.id(), "DRAFT_REPLY", Map.of("outcome", "SUPPORTED", "text", "重新核查后支持诉求。"));
		flow.act(head, m.id(), "APPROVE_REPLY", null);
		flow.act(handler, m.id(), "DELIVER", Map.of("method", "POST", "deliveredOn", TODAY.toString()));

		List<IssuedDocument> opinions = documents.forMatter(m.id())
			.stream()
			.filter(d -> d.type() == DocumentType.HANDLING_OPINION)
			.toList();
		assertThat(opinions).hasSize(2).allMatch(d -> TODAY.equals(d.deliveredOn()));
		List<String> deliveries = jdbc.sql("""
				SELECT dedup_key FROM notification WHERE matter_id = :id AND dedup_key LIKE '%-DELIVER-%-p1-sms'
				ORDER BY id""")
			.param("id", m.id())
			.query(String.class)
			.list();
		assertThat(deliveries).containsExactly(
				opinions.stream().map(d -> "matter-" + m.id() + "-DELIVER-d" + d.id() + "-p1-sms").toArray(String[]::new));
	}

	private MatterFlow.Registered registerWithContact() {
		int n = CONTACTS.incrementAndGet();
		phone = String.format("137%08d", n % 100_000_000);
		email = "wangwu" + n + "@example.cn";
		return flow.register(registrar, "GRIEVANCE", hospital, null, Map.of("phone", phone, "email", email));
	}

	/** Assigned, accepted, handled and a reply drafted. */
	private void handle(MatterFlow.Registered m) {
		flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, m.id(), "ACCEPT", null);
		flow.act(head, m.id(), "ASSIGN_HANDLER", Map.of("username", handler.username()));
		flow.act(handler, m.id(), "DRAFT_REPLY", Map.of("outcome", "PARTLY_SUPPORTED", "text", "经核查，部分诉求属实。"));
	}

	private IssuedDocument only(long matterId, DocumentType type) {
		List<IssuedDocument> found = documents.forMatter(matterId).stream().filter(d -> d.type() == type).toList();
		assertThat(found).hasSize(1);
		return found.get(0);
	}

	/**
	 * The matter's outbox rows as {@code ACTION-p{ordinal}-{sms|email}|channel|recipient}, in key order: the
	 * deduplication key without the matter and document ids.
	 */
	private List<String> outbox(long matterId) {
		return jdbc.sql("""
				SELECT regexp_replace(dedup_key, '^matter-[0-9]+-([A-Z_]+)-d[0-9]+-(p[0-9]+-[a-z]+)$', '\\1-\\2')
				       || '|' || channel || '|' || recipient
				FROM notification WHERE matter_id = :id
				ORDER BY dedup_key""")
			.param("id", matterId)
			.query(String.class)
			.list();
	}

	private static List<Map<?, ?>> documentsOf(Map<?, ?> status) {
		return list(status.get("documents")).stream().<Map<?, ?>>map(d -> (Map<?, ?>) d).toList();
	}

	private static String text(byte[] pdf) {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(doc);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
