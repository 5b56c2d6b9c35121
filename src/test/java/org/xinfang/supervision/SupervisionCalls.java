package org.xinfang.supervision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;

/** API calls, matters and PDF text for the tests of interviews, problem lists and accountability. */
final class SupervisionCalls {

	private final RestTestClient http;

	private final JdbcClient jdbc;

	SupervisionCalls(RestTestClient http, JdbcClient jdbc) {
		this.http = http;
		this.jdbc = jdbc;
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> call(StaffPrincipal user, HttpMethod method, String uri, Object body, int status) {
		return call(user, method, uri, body, status, Map.class);
	}

	<T> T call(StaffPrincipal user, HttpMethod method, String uri, Object body, int status, Class<T> type) {
		var request = http.method(method).uri(uri).headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD));
		var spec = body == null ? request.exchange()
				: request.contentType(MediaType.APPLICATION_JSON).body(body).exchange();
		return spec.expectStatus().isEqualTo(status).expectBody(type).returnResult().getResponseBody();
	}

	/**
	 * The text of the PDF at {@code uri}, without the line breaks and spaces that wrapping puts in, nor the page
	 * numbers (— 2 —) that a page break puts amid the text.
	 */
	String pdfText(StaffPrincipal user, String uri) {
		byte[] bytes = http.get().uri(uri).headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isOk()
			.expectHeader().contentType(MediaType.APPLICATION_PDF)
			.expectBody(byte[].class).returnResult().getResponseBody();
		try (PDDocument pdf = Loader.loadPDF(bytes)) {
			return new PDFTextStripper().getText(pdf).replaceAll("\\s+", "").replaceAll("—\\d+—", "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<String> audit(String entityType, Object id, String action) {
		return jdbc.sql("""
				SELECT details FROM audit_entry WHERE action = :a AND entity_type = :t AND entity_id = :id ORDER BY seq""")
			.param("a", action)
			.param("t", entityType)
			.param("id", String.valueOf(id))
			.query(String.class)
			.list();
	}

	static List<Object> fields(Map<String, Object> problem) {
		return ((List<?>) problem.get("errors")).stream().map(e -> (Object) ((Map<?, ?>) e).get("field")).distinct().toList();
	}

	static String type(Map<String, Object> problem) {
		return String.valueOf(problem.get("type"));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object json) {
		return (Map<String, Object>) json;
	}

	static long id(Map<String, Object> json) {
		return ((Number) json.get("id")).longValue();
	}

	/** Registers a matter concerning the unit; returns its id and tracking code. */
	Map<?, ?> register(StaffPrincipal registrar, Unit concerned) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", "LETTER");
		body.put("kind", "GRIEVANCE");
		body.put("title", "反映医院收费问题");
		body.put("content", "在医院就诊时被多收费用，请求核查。");
		body.put("categoryCode", "MEDICAL_QUALITY");
		body.put("concernedUnitCode", concerned.code());
		body.put("petitioners", List.of(Map.of("name", "王五")));
		body.put("receivedOn", "2026-03-02");
		return call(registrar, HttpMethod.POST, "/api/v1/matters", body, 201, Map.class);
	}
}
