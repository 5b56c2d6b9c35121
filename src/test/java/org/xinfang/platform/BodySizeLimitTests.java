package org.xinfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.xinfang.support.XinfangTest;

/** JSON bodies over the limit are refused with 413, whether their length is declared or not. */
@XinfangTest
class BodySizeLimitTests {

	@LocalServerPort
	int port;

	@Test
	void chunkedBodyOverTheLimitIs413Problem() throws Exception {
		String big = "{\"title\":\"" + "长".repeat(200_000) + "\"}";
		byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/public/petitions"))
			.header("Content-Type", "application/json")
			// an input stream publisher has no length: the body goes chunked, without Content-Length
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(request.headers().firstValue("Content-Length")).isEmpty();
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("too-large");
	}
}
