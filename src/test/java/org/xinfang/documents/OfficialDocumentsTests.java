package org.xinfang.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.audit.AuditTrail;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import org.xinfang.support.ChineseFont;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class OfficialDocumentsTests {

	static final LocalDate ISSUED = LocalDate.of(2026, 11, 22);

	@Autowired
	OfficialDocuments documents;

	@Autowired
	Fixtures fixtures;

	@Autowired
	RestTestClient http;

	@Autowired
	AuditTrail auditTrail;

	Unit bureau;

	Unit hospital;

	StaffPrincipal registrar;

	long matterId;

	@BeforeAll
	static void font() {
		ChineseFont.ensureInstalled();
	}

	@BeforeEach
	void matter() {
		bureau = fixtures.bureauUnder(fixtures.commission());
		hospital = fixtures.hospitalUnder(bureau);
		registrar = fixtures.user(bureau, Role.REGISTRAR);
		matterId = registerMatter();
	}

	@Test
	void acceptanceNoticeNamesTheMatterAndTheDueDate() throws IOException {
		String text = issueAndRead(DocumentType.ACCEPTANCE_NOTICE,
				Map.of("receivedOn", "2026-11-10", "dueOn", "2027-01-21", "disclosure", "NOT_PUBLIC"));
		assertThat(text).contains("你于2026年11月10日提出的关于“反映门诊收费问题”的信访事项", "决定予以受理",
				"于2027年1月21日前向你出具书面处理意见", "（此件不公开）");
	}

	@Test
	void nonAcceptanceNoticeGivesTheReasonAndTheRoute() throws IOException {
		String text = issueAndRead(DocumentType.NON_ACCEPTANCE_NOTICE, Map.of("receivedOn", "2026-11-10", "reason",
				"该事项属于医疗纠纷，应通过法定途径解决", "route", "你可以向县医疗纠纷人民调解委员会申请调解，或者依法向人民法院提起诉讼。"));
		assertThat(text).contains("该事项属于医疗纠纷，应通过法定途径解决", "决定不予受理", "医疗纠纷人民调解委员会申请调解");
	}

	@Test
	void noFurtherAcceptanceNoticeStatesFinality() throws IOException {
		String text = issueAndRead(DocumentType.NO_FURTHER_ACCEPTANCE_NOTICE,
				Map.of("receivedOn", "2026-11-10", "reason", "你以同一事实和理由再次提出投诉请求", "priorDocument", "州卫信复核〔2026〕3号"));
		assertThat(text).contains("你以同一事实和理由再次提出投诉请求", "州卫信复核〔2026〕3号", "不再受理", "第三十六条");
	}

	@Test
	void extensionNoticeGivesReasonAndNewDueDate() throws IOException {
		String text = issueAndRead(DocumentType.EXTENSION_NOTICE,
				Map.of("reason", "需要调取外院病历并组织专家论证", "newDueOn", "2027-02-20"));
		assertThat(text).contains("因需要调取外院病历并组织专家论证", "第三十四条", "延长至2027年2月20日");
	}

	@Test
	void handlingOpinionCarriesOutcomeAndTheRightToRequestReview() throws IOException {
		String text = issueAndRead(DocumentType.HANDLING_OPINION, Map.of("outcome", "PARTLY_SUPPORTED", "text",
				"经核查，你于2026年10月在该院门诊就诊时，检查费确有重复收取。\n该院已退还重复收取的费用。", "reviewBody", "州卫生健康委员会"));
		assertThat(text).contains("检查费确有重复收取", "该院已退还重复收取的费用", "处理结论：部分支持",
				"自收到本意见书之日起30日内，向州卫生健康委员会书面提出复查请求");
	}

	@Test
	void reviewOpinionCarriesTheRightToRequestReReview() throws IOException {
		String text = issueAndRead(DocumentType.REVIEW_OPINION, Map.of("outcome", "UPHOLD", "text",
				"经复查，原处理意见认定事实清楚，处理恰当。", "rereviewBody", "省卫生健康委员会", "priorDocument", "县卫信处〔2026〕5号处理意见书"));
		assertThat(text).contains("县卫信处〔2026〕5号处理意见书", "原处理意见认定事实清楚", "复查结论：维持原意见",
				"自收到本意见书之日起30日内，向省卫生健康委员会书面提出复核请求");
	}

	@Test
	void reReviewOpinionIsFinal() throws IOException {
		String text = issueAndRead(DocumentType.REREVIEW_OPINION,
				Map.of("outcome", "UPHOLD", "text", "经复核，复查意见正确。", "disclosure", "PUBLIC"));
		assertThat(text).contains("经复核，复查意见正确。", "复核结论：维持原意见", "本复核意见为终结意见", "仍然以同一事实和理由提出投诉请求的",
				"不再受理", "（此件公开）");
	}

	@Test
	void numbersRunPerUnitTypeAndYearWithTheUnitsPrefix() {
		documents.usePrefix(bureau.code(), "清卫信" + bureau.id());
		String p = "清卫信" + bureau.id();
		assertThat(issue(bureau, DocumentType.ACCEPTANCE_NOTICE, ISSUED).number()).isEqualTo(p + "受〔2026〕1号");
		assertThat(issue(bureau, DocumentType.ACCEPTANCE_NOTICE, ISSUED).number()).isEqualTo(p + "受〔2026〕2号");
		assertThat(issue(bureau, DocumentType.EXTENSION_NOTICE, ISSUED).number()).isEqualTo(p + "延〔2026〕1号");
		assertThat(issue(bureau, DocumentType.ACCEPTANCE_NOTICE, LocalDate.of(2027, 1, 4)).number())
			.isEqualTo(p + "受〔2027〕1号");
		// another unit without a prefix of its own counts separately and uses its code
		assertThat(issue(hospital, DocumentType.ACCEPTANCE_NOTICE, ISSUED).number())
			.isEqualTo(hospital.code() + "受〔2026〕1号");
		assertThat(issue(bureau, DocumentType.ACCEPTANCE_NOTICE, ISSUED).number()).isEqualTo(p + "受〔2026〕3号");
	}

	@Test
	void concurrentIssuesGetDistinctConsecutiveNumbers() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<IssuedDocument>> tasks = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				tasks.add(() -> issue(bureau, DocumentType.HANDLING_OPINION, ISSUED));
			}
			List<String> numbers = new ArrayList<>();
			for (Future<IssuedDocument> f : pool.invokeAll(tasks)) {
				numbers.add(f.get().number());
			}
			List<String> expected = new ArrayList<>();
			for (int n = 1; n <= 8; n++) {
				expected.add(bureau.code() + "处〔2026〕" + n + "号");
			}
			assertThat(numbers).containsExactlyInAnyOrderElementsOf(expected);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void missingFieldsAreNamed() {
		DocumentRequest request = new DocumentRequest(matterId, DocumentType.HANDLING_OPINION, bureau.code(), "张三",
				"反映门诊收费问题", ISSUED, Map.of("outcome", "MAYBE", "text", "经核查……"));
		assertThatThrownBy(() -> documents.issue(request)).isInstanceOfSatisfying(InvalidInput.class, ex -> {
			assertThat(ex.status().value()).isEqualTo(400);
			assertThat(ex.problems()).extracting(FieldProblem::field)
				.containsExactlyInAnyOrder("fields.reviewBody", "fields.outcome");
		});
		DocumentRequest noDate = new DocumentRequest(matterId, DocumentType.EXTENSION_NOTICE, bureau.code(), " ",
				"反映门诊收费问题", ISSUED, Map.of("reason", "需要鉴定", "newDueOn", "2027-13-40"));
		assertThatThrownBy(() -> documents.issue(noDate)).isInstanceOfSatisfying(InvalidInput.class,
				ex -> assertThat(ex.problems()).extracting(FieldProblem::field)
					.containsExactlyInAnyOrder("addressee", "fields.newDueOn"));
		DocumentRequest unknownUnit = new DocumentRequest(matterId, DocumentType.EXTENSION_NOTICE, "NO-SUCH-UNIT",
				"张三", "反映门诊收费问题", ISSUED, Map.of("reason", "需要鉴定", "newDueOn", "2027-01-20"));
		assertThatThrownBy(() -> documents.issue(unknownUnit)).isInstanceOfSatisfying(InvalidInput.class,
				ex -> assertThat(ex.problems()).extracting(FieldProblem::field).containsExactly("issuingUnitCode"));
		DocumentRequest unknownMatter = new DocumentRequest(Long.MAX_VALUE, DocumentType.EXTENSION_NOTICE,
				bureau.code(), "张三", "反映门诊收费问题", ISSUED, Map.of("reason", "需要鉴定", "newDueOn", "2027-01-20"));
		assertThatThrownBy(() -> documents.issue(unknownMatter)).isInstanceOfSatisfying(InvalidInput.class,
				ex -> assertThat(ex.problems()).extracting(FieldProblem::field).containsExactly("matterId"));
		// a refused issue uses up no number
		assertThat(issue(bureau, DocumentType.EXTENSION_NOTICE, ISSUED).number())
			.isEqualTo(bureau.code() + "延〔2026〕1号");
	}

	@Test
	void issuesAndDeliveriesAreAuditedAndListed() {
		LocalDate issued = LocalDate.of(2026, 3, 2);
		IssuedDocument doc = issue(bureau, DocumentType.ACCEPTANCE_NOTICE, issued);
		IssuedDocument delivered = documents.markDelivered(doc.id(), issued.plusDays(2));
		assertThat(delivered.deliveredOn()).isEqualTo(issued.plusDays(2));
		assertThat(documents.forMatter(matterId)).containsExactly(delivered);
		assertThatThrownBy(() -> documents.markDelivered(doc.id(), issued.plusDays(3)))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.status().value()).isEqualTo(409));
		IssuedDocument other = issue(bureau, DocumentType.EXTENSION_NOTICE, issued);
		assertThatThrownBy(() -> documents.markDelivered(other.id(), issued.minusDays(1)))
			.isInstanceOfSatisfying(InvalidInput.class,
					ex -> assertThat(ex.problems()).extracting(FieldProblem::field).containsExactly("deliveredOn"));
		assertThat(auditTrail.forEntity("document", doc.id())).extracting(AuditTrail.Entry::action)
			.containsExactly("DOCUMENT_ISSUED", "DOCUMENT_DELIVERED");
	}

	@Test
	void staffWhoSeeTheMatterGetItsDocumentsOthersDoNot() throws IOException {
		IssuedDocument doc = issue(bureau, DocumentType.ACCEPTANCE_NOTICE, ISSUED);
		StaffPrincipal handler = fixtures.user(hospital, Role.HANDLER);
		http.get().uri("/api/v1/matters/" + matterId + "/documents")
			.headers(h -> h.setBasicAuth(handler.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$[0].number").isEqualTo(doc.number())
			.jsonPath("$[0].title").isEqualTo("受理告知书");
		byte[] pdf = http.get().uri("/api/v1/documents/" + doc.id() + "/pdf")
			.headers(h -> h.setBasicAuth(handler.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentType(MediaType.APPLICATION_PDF)
			.expectHeader().valueEquals("X-Content-SHA256", doc.sha256())
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(text(pdf)).contains("受理告知书");

		Unit elsewhere = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal outsider = fixtures.user(elsewhere, Role.HANDLER);
		http.get().uri("/api/v1/matters/" + matterId + "/documents")
			.headers(h -> h.setBasicAuth(outsider.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isNotFound();
		http.get().uri("/api/v1/documents/" + doc.id() + "/pdf")
			.headers(h -> h.setBasicAuth(outsider.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isNotFound();
		http.get().uri("/api/v1/documents/" + doc.id() + "/pdf").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aLongOpinionRunsOnToNumberedPagesWithTheSignatureAtTheEnd() throws IOException {
		String paragraph = "经调查核实，该院在门诊收费环节存在系统设置错误，导致部分检查项目重复计费，相关科室已完成整改并逐笔核对退费。";
		String text = String.join("\n", java.util.Collections.nCopies(20, paragraph));
		IssuedDocument doc = documents.issue(new DocumentRequest(matterId, DocumentType.HANDLING_OPINION,
				bureau.code(), "张三", "反映门诊收费问题", ISSUED,
				Map.of("outcome", "SUPPORTED", "text", text, "reviewBody", "州卫生健康委员会")));
		byte[] bytes = documents.pdf(doc.id()).orElseThrow();
		try (PDDocument pdf = Loader.loadPDF(bytes)) {
			assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(2);
			PDFTextStripper last = new PDFTextStripper();
			last.setStartPage(pdf.getNumberOfPages());
			last.setEndPage(pdf.getNumberOfPages());
			assertThat(last.getText(pdf)).contains(bureau.name(), "2026年11月22日",
					"— " + pdf.getNumberOfPages() + " —");
		}
	}

	@Test
	void handlingOpinionRendersToAnImage() throws IOException {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("outcome", "PARTLY_SUPPORTED");
		fields.put("text", "经核查，你于2026年10月12日在县人民医院门诊就诊时，CT检查费确有重复收取（金额为人民币320元）。"
				+ "该院已于2026年11月15日将重复收取的费用退还，并对相关收费人员进行了批评教育。\n"
				+ "你提出的赔偿误工费的请求，缺乏事实和政策依据，本机关不予支持。");
		fields.put("reviewBody", "州卫生健康委员会");
		fields.put("disclosure", "NOT_PUBLIC");
		documents.usePrefix(bureau.code(), "清卫信" + bureau.id());
		IssuedDocument doc = documents.issue(new DocumentRequest(matterId, DocumentType.HANDLING_OPINION,
				bureau.code(), "张三", "反映门诊收费问题", ISSUED, fields));
		Path dir = Path.of("target", "documents");
		Files.createDirectories(dir);
		byte[] bytes = documents.pdf(doc.id()).orElseThrow();
		Files.write(dir.resolve("handling-opinion.pdf"), bytes);
		assertThat(text(bytes)).contains("（此件不公开）");
		try (PDDocument pdf = Loader.loadPDF(bytes)) {
			assertThat(pdf.getNumberOfPages()).isEqualTo(1);
			BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(0, 72);
			Path png = dir.resolve("handling-opinion.png");
			ImageIO.write(image, "png", png.toFile());
			assertThat(Files.size(png)).isGreaterThan(10_000);
		}
	}

	/** Issues a notice, then checks what every notice shows and that its font travels with it. */
	private String issueAndRead(DocumentType type, Map<String, String> fields) throws IOException {
		IssuedDocument doc = documents.issue(new DocumentRequest(matterId, type, bureau.code(), "张三", "反映门诊收费问题",
				ISSUED, fields));
		assertThat(doc.title()).isEqualTo(type.title());
		assertThat(doc.number()).isEqualTo(bureau.code() + type.numberMark() + "〔2026〕1号");
		byte[] bytes = documents.pdf(doc.id()).orElseThrow();
		assertThat(doc.sha256()).isEqualTo(org.xinfang.platform.Hashing.sha256Hex(bytes));
		try (PDDocument pdf = Loader.loadPDF(bytes)) {
			for (var page : pdf.getPages()) {
				for (var name : page.getResources().getFontNames()) {
					PDFont font = page.getResources().getFont(name);
					assertThat(font).isInstanceOf(PDType0Font.class);
					assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
					// a subset: the name carries a six-letter tag (ABCDEF+UMingCN)
					assertThat(font.getName()).matches("[A-Z]{6}\\+.*");
				}
			}
		}
		String text = text(bytes);
		assertThat(text).contains(bureau.name(), type.title(), doc.number(), "张三：", "2026年11月22日");
		return text.replace("\r", "").replaceAll("\n", "");
	}

	private IssuedDocument issue(Unit unit, DocumentType type, LocalDate issuedOn) {
		Map<String, String> fields = switch (type) {
			case ACCEPTANCE_NOTICE -> Map.of("receivedOn", "2026-11-10", "dueOn", "2027-01-21");
			case EXTENSION_NOTICE -> Map.of("reason", "需要鉴定", "newDueOn", "2027-02-20");
			case HANDLING_OPINION -> Map.of("outcome", "SUPPORTED", "text", "予以退费。", "reviewBody", "州卫生健康委员会");
			default -> throw new IllegalArgumentException(type.name());
		};
		return documents.issue(new DocumentRequest(matterId, type, unit.code(), "张三", "反映门诊收费问题", issuedOn, fields));
	}

	private static String text(byte[] pdf) throws IOException {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(doc);
		}
	}

	private long registerMatter() {
		Map<String, Object> petitioner = new LinkedHashMap<>();
		petitioner.put("name", "张三");
		petitioner.put("phone", "13900001234");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", "LETTER");
		body.put("kind", "GRIEVANCE");
		body.put("title", "反映门诊收费问题");
		body.put("content", "本人在门诊就诊时被重复收取检查费，请求核查退费。");
		body.put("categoryCode", "MEDICAL_QUALITY");
		body.put("concernedUnitCode", hospital.code());
		body.put("petitioners", List.of(petitioner));
		Map<?, ?> created = http.post().uri("/api/v1/matters")
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((Number) created.get("id")).longValue();
	}
}
