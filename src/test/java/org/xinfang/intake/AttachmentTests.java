package org.xinfang.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class AttachmentTests {

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

	static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes();

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Test
	void letterScanIsStoredAndListedWithItsDetectedType() {
		Scenario s = letter();
		Map<?, ?> info = upload(s, "来信.png", "image/png", PNG, 201);
		assertThat(info.get("contentType")).isEqualTo("image/png");
		assertThat(info.get("size")).isEqualTo(PNG.length);
		assertThat((String) info.get("sha256")).hasSize(64);

		Map<?, ?> detail = http.get().uri("/api/v1/matters/" + s.matterId)
			.headers(h -> h.setBasicAuth(s.registrar.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
		assertThat((List<?>) detail.get("attachments")).hasSize(1);
		byte[] back = http.get().uri("/api/v1/matters/" + s.matterId + "/attachments/" + info.get("id"))
			.headers(h -> h.setBasicAuth(s.registrar.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
		assertThat(back).isEqualTo(PNG);
	}

	@Test
	void fileThatIsNotWhatItClaimsIsRefusedWith415() {
		Scenario s = letter();
		upload(s, "photo.png", "image/png", "just some text, not an image".getBytes(), 415);
		upload(s, "scan.png", "image/png", PDF, 415);
		upload(s, "scan.pdf", "application/pdf", PDF, 201);
	}

	@Test
	void oversizedFileIs413AndEmptyFileIs400() {
		Scenario s = letter();
		byte[] big = Arrays.copyOf(PDF, 300_000);
		upload(s, "big.pdf", "application/pdf", big, 413);
		upload(s, "empty.pdf", "application/pdf", new byte[0], 400);
	}

	@Test
	void atMostTenAttachmentsPerMatter() {
		Scenario s = letter();
		for (int i = 0; i < 10; i++) {
			upload(s, "page" + i + ".pdf", "application/pdf", PDF, 201);
		}
		upload(s, "page10.pdf", "application/pdf", PDF, 400);
	}

	@Test
	void reportedUnitCannotSeeOrFetchTheReportersMaterials() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		StaffPrincipal hospitalStaff = fixtures.user(hospital, Role.HANDLER);
		Object id = register(registrar, StaffIntakeTests.matter("LETTER", "REPORT", hospital));
		Scenario s = new Scenario(registrar, id);
		Object attachmentId = upload(s, "evidence.pdf", "application/pdf", PDF, 201).get("id");

		Map<?, ?> detail = http.get().uri("/api/v1/matters/" + id)
			.headers(h -> h.setBasicAuth(hospitalStaff.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
		assertThat((List<?>) detail.get("attachments")).isEmpty();
		http.get().uri("/api/v1/matters/" + id + "/attachments/" + attachmentId)
			.headers(h -> h.setBasicAuth(hospitalStaff.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isNotFound();
	}

	record Scenario(StaffPrincipal registrar, Object matterId) {
	}

	Scenario letter() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		return new Scenario(registrar, register(registrar, StaffIntakeTests.matter("LETTER", "GRIEVANCE", bureau)));
	}

	Object register(StaffPrincipal registrar, Map<String, Object> body) {
		return http.post().uri("/api/v1/matters")
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
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
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}
}
