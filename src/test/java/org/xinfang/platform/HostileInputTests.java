package org.xinfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/**
 * The named hostile inputs of issue #5 item 4, one by one (the fuzz test throws them around at random):
 * forged and dangerous attachments, text PostgreSQL cannot store, form fields the data binder chokes on.
 *
 * <p>Attachments: only PDF, JPEG and PNG are accepted, recognised by their leading bytes, so a zip bomb (or a
 * .docx, which is a zip) is refused with 415 without being opened — the application never decompresses an
 * upload. A PDF with JavaScript is stored as it came, inert: the application never parses, renders or embeds
 * an attachment; it is served to staff only as a download ({@code Content-Disposition: attachment}, with
 * {@code X-Content-Type-Options: nosniff}), and the pages' CSP has {@code object-src 'none'}.
 */
@XinfangTest
class HostileInputTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void zipBombIsRefusedWithoutBeingOpened() {
		Scenario s = letter();
		byte[] bomb = Attachments.zipBomb();
		assertThat(bomb.length).isLessThan(100_000);
		assertThat(type(upload(s, "letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
				bomb, 415))).endsWith("/attachment-type");
		assertThat(type(upload(s, "scan.pdf", "application/pdf", bomb, 415))).endsWith("/attachment-type");
		assertThat(attachments(s)).isZero();
	}

	@Test
	void fileThatOnlyCallsItselfAnImageIsRefused() {
		Scenario s = letter();
		upload(s, "photo.png", "image/png", Attachments.fakePng(), 415);
		upload(s, "photo.png", "image/png", Attachments.htmlPretendingToBePng(), 415);
		upload(s, "drawing.svg", "image/svg+xml", Attachments.svgWithScript(), 415);
		// the PNG signature followed by HTML is a PNG by its leading bytes: stored, and only ever downloaded as one
		Map<?, ?> info = upload(s, "photo.png", "image/png", Attachments.pngHeaderThenHtml(), 201);
		assertThat(info.get("contentType")).isEqualTo("image/png");
		assertDownloadIsInert(s, info, "image/png", Attachments.pngHeaderThenHtml());
	}

	@Test
	void pdfWithJavaScriptIsStoredAsItCameAndOnlyDownloaded() {
		Scenario s = letter();
		byte[] pdf = Attachments.pdfWithJavaScript();
		Map<?, ?> info = upload(s, "<img src=x onerror=alert(1)>.pdf", "application/pdf", pdf, 201);
		assertDownloadIsInert(s, info, "application/pdf", pdf);
	}

	@Test
	void fileNameWithNulOrOversizedHeaderIsA4xxProblem() {
		Scenario s = letter();
		assertThat(type(upload(s, "a\u0000b.pdf", "application/pdf", Attachments.pdfWithJavaScript(), 400)))
			.endsWith("/invalid-file-name");
		assertThat(type(upload(s, "x".repeat(5000) + ".pdf", "application/pdf", Attachments.pdfWithJavaScript(), 413)))
			.endsWith("/too-large");
	}

	@Test
	void trackingCodeWithNulOnThePortalIs400Not500() {
		FormClient citizen = new FormClient(port).forwardedFor("198.18.200.7");
		citizen.get("/portal/track");
		var answer = citizen.post("/portal/track", Map.of("code", "XF\u0000", "secret", "x"));
		assertThat(answer.statusCode()).isEqualTo(400);
	}

	@Test
	void malformedPetitionerRowOnTheStaffFormIs400() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		FormClient staff = new FormClient(port).signIn(registrar.username(), Fixtures.PASSWORD);
		for (String index : List.of("1.5", "-1", "99999999999999999999")) {
			staff.get("/staff/intake/new");
			var answer = staff.post("/staff/intake/new", Map.of("channel", "LETTER", "kind", "PROPOSAL", "title", "标题",
					"content", "内容", "petitioners[" + index + "].name", "赵六"));
			assertThat(answer.statusCode()).as(index).isEqualTo(400);
			assertThat(answer.body()).contains("表单格式有误");
		}
	}

	@Test
	void textWithNulCharacterIsRefusedOrStoredNever500() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Map<String, Object> body = BadInputFuzzTests.validPetition(bureau);
		body.put("title", "a\u0000b");
		int status = http.post().uri("/api/v1/public/petitions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(BadInputFuzzTests.json(body).getBytes(StandardCharsets.UTF_8))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
		assertThat(status).isBetween(400, 499);
	}

	// --- helpers

	private void assertDownloadIsInert(Scenario s, Map<?, ?> info, String contentType, byte[] content) {
		var result = http.get().uri("/api/v1/matters/" + s.matterId + "/attachments/" + info.get("id"))
			.headers(h -> h.setBasicAuth(s.registrar.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentType(contentType)
			.expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION, "attachment;.*")
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectBody(byte[].class)
			.returnResult();
		assertThat(result.getResponseBody()).isEqualTo(content);
	}

	private static String type(Map<?, ?> problem) {
		return String.valueOf(problem.get("type"));
	}

	private long attachments(Scenario s) {
		return jdbc.sql("SELECT count(*) FROM attachment WHERE matter_id = :id")
			.param("id", ((Number) s.matterId).longValue())
			.query(Long.class)
			.single();
	}

	record Scenario(StaffPrincipal registrar, Object matterId) {
	}

	Scenario letter() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		Object id = http.post().uri("/api/v1/matters")
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(BadInputFuzzTests.validMatter(bureau))
			.exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
		return new Scenario(registrar, id);
	}

	Map<?, ?> upload(Scenario s, String filename, String type, byte[] content, int status) {
		HttpHeaders partHeaders = new HttpHeaders();
		partHeaders.setContentType(MediaType.parseMediaType(type));
		ByteArrayResource resource = new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return filename;
			}
		};
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new HttpEntity<>(resource, partHeaders));
		return http.post().uri("/api/v1/matters/" + s.matterId + "/attachments")
			.headers(h -> h.setBasicAuth(s.registrar.username(), Fixtures.PASSWORD))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.exchange()
			.expectStatus().isEqualTo(status)
			.expectHeader().contentTypeCompatibleWith(status >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}
}
