package org.xinfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.support.XinfangTest;

@XinfangTest
class OpenApiDocumentTests {

	@Autowired
	RestTestClient http;

	@Test
	void openApiDocumentListsTheApi() {
		String doc = http.get().uri("/api/v1/openapi")
			.exchange()
			.expectStatus().isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(doc).contains("\"openapi\"").contains("/api/v1/me").contains("/api/v1/admin/audit/verify");
		// API bearer tokens: the endpoints and the security scheme
		assertThat(doc).contains("/api/v1/auth/tokens").contains("/api/v1/auth/tokens/current")
			.containsPattern("\"bearer\":\\{[^}]*\"scheme\":\"bearer\"");
	}

	@Test
	void pagesSendSecurityHeaders() {
		http.get().uri("/")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader().valueEquals("X-Frame-Options", "DENY")
			.expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("frame-ancestors 'none'"));
	}
}
